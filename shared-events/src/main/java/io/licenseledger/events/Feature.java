package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record Feature(@JsonValue String value) {

    @JsonCreator
    public Feature {
        Identifiers.require(value, "feature");
    }

    @Override
    public String toString() {
        return value;
    }
}
