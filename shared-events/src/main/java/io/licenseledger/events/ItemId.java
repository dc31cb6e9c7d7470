package io.licenseledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A license item's vendor-chosen id; checked where it enters the system by {@link Identifiers#itemId}. */
public record ItemId(@JsonValue String value) {

    @Override
    public String toString() {
        return value;
    }
}
