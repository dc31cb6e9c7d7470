package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A license file's vendor-chosen id (rule L2); checked where it enters the system by {@link Identifiers#licenseId}. */
public record LicenseId(@JsonValue String value) {

    @Override
    public String toString() {
        return value;
    }
}
