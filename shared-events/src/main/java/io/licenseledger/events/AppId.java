package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** An app's id as the SDK names it (rule A9); checked where it enters the system by {@link Identifiers#appId}. */
public record AppId(@JsonValue String value) {

    @Override
    public String toString() {
        return value;
    }
}
