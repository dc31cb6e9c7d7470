package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A device's client-chosen id; checked where it enters the system by {@link Identifiers#deviceId}. */
public record DeviceId(@JsonValue String value) {

    @JsonCreator
    public DeviceId {
    }

    @Override
    public String toString() {
        return value;
    }
}
