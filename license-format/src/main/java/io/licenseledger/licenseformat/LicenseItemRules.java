package io.licenseledger.licenseformat;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;

/**
 * What makes a license item valid beyond the format of each field (SPEC section 3). Checked as a license file is
 * read, by the server and the vendor tool alike; the item itself holds data only, so that an item recorded under
 * older rules still replays.
 */
final class LicenseItemRules {

    private LicenseItemRules() {
    }

    /** An overage policy a vendor may sign: NONE, UNLIMITED, or PERCENT(n) with n in 1..100. */
    static OveragePolicy overage(String text) {
        OveragePolicy overage = OveragePolicy.parse(text);
        if (overage.kind() == OveragePolicy.Kind.PERCENT && (overage.percent() < 1 || overage.percent() > 100)) {
            throw new IllegalArgumentException("overage PERCENT(n) needs n in 1..100, got " + overage.percent());
        }
        return overage;
    }

    static void check(LicenseItem item) throws LicenseFormatException {
        require(item.validFrom().isBefore(item.validUntil()), "validFrom must be before validUntil");
        require(item.offlineWindow().compareTo(LicenseItem.MIN_OFFLINE_WINDOW) >= 0
                        && item.offlineWindow().compareTo(LicenseItem.MAX_OFFLINE_WINDOW) <= 0,
                "offlineWindow must be between PT3M and P365D, got " + item.offlineWindow());
        require(item.type() != LicenseType.PER_DEVICE || item.activeWindow() != null,
                "activeWindow (P1D, P30D, P90D or P365D) is required for PER_DEVICE");
        require(item.type() == LicenseType.PER_DEVICE || item.activeWindow() == null,
                "activeWindow applies to PER_DEVICE only");
        require(item.type() == LicenseType.CONCURRENT_DEVICE || item.seatLease() == null,
                "seatLease applies to CONCURRENT_DEVICE only");
        require(item.type() != LicenseType.CONCURRENT_DEVICE || (item.seatLease() != null
                        && !item.seatLease().isNegative() && !item.seatLease().isZero()),
                "seatLease must be a positive duration");
        require(item.renewalOf() == null || !item.renewalOf().equals(item.itemId()), "an item cannot renew itself");
    }

    private static void require(boolean condition, String message) throws LicenseFormatException {
        if (!condition) {
            throw new LicenseFormatException(message);
        }
    }
}
