package io.licenseledger.command.licensing;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Import a license file whose signature and payload were already verified. */
public record ImportLicense(
        @TargetAggregateIdentifier LicenseId licenseId,
        String licensee,
        Instant issuedAt,
        String vendorKeyId,
        String fileSha256,
        List<LicenseItem> items) {
}
