package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A device's client-chosen id; checked where it enters the system by {@link Identifiers#deviceId}. */
public record DeviceId(@JsonValue String value) {

    @Override
    public String toString() {
        return value;
    }
}
