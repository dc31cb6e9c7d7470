package io.licenseledger.events.licensing;

/** Events of one imported license file's stream. */
public sealed interface LicenseEvent permits LicenseImported {
}
