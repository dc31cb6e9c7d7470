package io.licenseledger.events.project;

/** The admin-controlled lifecycle of a project or one of its items (rule L7). Revoked is final. */
public enum LicenseStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED
}
