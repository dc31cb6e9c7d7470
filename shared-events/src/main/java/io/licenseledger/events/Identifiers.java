package io.licenseledger.events;

import java.util.regex.Pattern;

/** The one rule for client- and vendor-chosen identifiers: 1..128 characters of {@code [A-Za-z0-9._:-]}. */
public final class Identifiers {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Identifiers() {
    }

    public static String require(String value, String field) {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException(field + " must be 1..128 characters of [A-Za-z0-9._:-]"
                    + (value == null ? " but is missing" : ""));
        }
        return value;
    }
}
