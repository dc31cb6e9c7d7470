package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record LicenseId(@JsonValue String value) {

    @JsonCreator
    public LicenseId {
        Identifiers.require(value, "licenseId");
    }

    @Override
    public String toString() {
        return value;
    }
}
