package io.licenseledger.events.licensing;

import io.licenseledger.events.Copies;
import io.licenseledger.events.LicenseId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A vendor-signed license file was verified and imported (rules L1, L2). {@code fileSha256} identifies the exact
 * file so that importing it again is recognised as a repeat.
 */
@Revision("1")
public record LicenseImported(
        LicenseId licenseId,
        String licensee,
        Instant issuedAt,
        String vendorKeyId,
        String fileSha256,
        List<LicenseItem> items) implements LicenseEvent {

    public LicenseImported {
        items = Copies.list(items);
    }
}
