package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record ProjectId(@JsonValue String value) {

    @JsonCreator
    public ProjectId {
        Identifiers.require(value, "projectId");
    }

    @Override
    public String toString() {
        return value;
    }
}
