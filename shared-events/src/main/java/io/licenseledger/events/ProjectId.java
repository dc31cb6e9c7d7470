package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A project's id; checked where it enters the system by {@link Identifiers#projectId}. */
public record ProjectId(@JsonValue String value) {

    @JsonCreator
    public ProjectId {
    }

    @Override
    public String toString() {
        return value;
    }
}
