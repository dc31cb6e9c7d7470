package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public record BatchId(@JsonValue String value) {

    @JsonCreator
    public BatchId {
        Identifiers.require(value, "batchId");
    }

    @Override
    public String toString() {
        return value;
    }
}
