package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The feature a usage entry names (rule U1); checked where it enters the system by {@link Identifiers#feature}. */
public record Feature(@JsonValue String value) {

    @Override
    public String toString() {
        return value;
    }
}
