package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record DeviceId(@JsonValue String value) {

    @JsonCreator
    public DeviceId {
        Identifiers.require(value, "deviceId");
    }

    @Override
    public String toString() {
        return value;
    }
}
