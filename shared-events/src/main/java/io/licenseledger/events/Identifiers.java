package io.licenseledger.events;

import java.util.regex.Pattern;

/**
 * The one rule for client- and vendor-chosen identifiers: 1..128 characters of {@code [A-Za-z0-9._:-]}. Applied where
 * an identifier enters the system (an HTTP request, a license file), never by the identifier records themselves: the
 * events hold them, and a stored event must replay whatever this rule becomes.
 */
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

    public static ProjectId projectId(String value) {
        return new ProjectId(require(value, "projectId"));
    }

    public static DeviceId deviceId(String value) {
        return new DeviceId(require(value, "deviceId"));
    }

    public static AppId appId(String value) {
        return new AppId(require(value, "appId"));
    }

    public static BatchId batchId(String value) {
        return new BatchId(require(value, "batchId"));
    }

    public static Feature feature(String value) {
        return new Feature(require(value, "feature"));
    }

    public static LicenseId licenseId(String value) {
        return new LicenseId(require(value, "licenseId"));
    }

    public static ItemId itemId(String value) {
        return new ItemId(require(value, "itemId"));
    }
}
