package io.licenseledger.licenseformat;

/** A license payload that is not what the format requires; the message names the field. */
public class LicenseFormatException extends Exception {

    public LicenseFormatException(String message) {
        super(message);
    }
}
