package io.licenseledger.events;

/** A value type refused its input; the message says which field and why, and never echoes secrets. */
public class InvalidValueException extends IllegalArgumentException {

    public InvalidValueException(String message) {
        super(message);
    }
}
