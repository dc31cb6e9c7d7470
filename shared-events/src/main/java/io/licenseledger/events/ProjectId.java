package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A project's id; checked where it enters the system by {@link Identifiers#projectId}. */
public record ProjectId(@JsonValue String value) {

    @Override
    public String toString() {
        return value;
    }
}
