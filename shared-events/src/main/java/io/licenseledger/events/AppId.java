package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record AppId(@JsonValue String value) {

    @JsonCreator
    public AppId {
        Identifiers.require(value, "appId");
    }

    @Override
    public String toString() {
        return value;
    }
}
