package io.licenseledger.events.licensing;

public enum LicenseType {
    /** Counts registered devices; a device holds its seat for the item's active window after its last activity. */
    PER_DEVICE,
    /** Counts devices holding a live seat lease. */
    CONCURRENT_DEVICE,
    /** Counts units of work reported in a term. */
    PER_USAGE
}
