package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record ItemId(@JsonValue String value) {

    @JsonCreator
    public ItemId {
        Identifiers.require(value, "itemId");
    }

    @Override
    public String toString() {
        return value;
    }
}
