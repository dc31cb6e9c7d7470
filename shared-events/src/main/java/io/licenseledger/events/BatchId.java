package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A usage batch's client-chosen id (rule U2); checked where it enters the system by {@link Identifiers#batchId}. */
public record BatchId(@JsonValue String value) {

    @Override
    public String toString() {
        return value;
    }
}
