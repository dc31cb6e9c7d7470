package io.licenseledger.events.licensing;

import io.licenseledger.events.Counts;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ItemId;

import java.time.Duration;
import java.time.Instant;

/**
 * One purchased unit of a license, as the vendor signed it and with the defaults of SPEC section 3 filled in.
 * {@code quantity} is seats for the device types and units for {@link LicenseType#PER_USAGE}.
 */
public record LicenseItem(
        ItemId itemId,
        LicenseType type,
        long quantity,
        Instant validFrom,
        Instant validUntil,
        ActiveWindow activeWindow,
        Duration offlineWindow,
        Duration seatLease,
        OveragePolicy overage,
        ItemId renewalOf) {

    public static final Duration MIN_OFFLINE_WINDOW = Duration.ofMinutes(3);
    public static final Duration MAX_OFFLINE_WINDOW = Duration.ofDays(365);
    public static final Duration DEFAULT_SEAT_LEASE = Duration.ofMinutes(3);
    /** Far above any real quota, and low enough that quota plus any percentage cannot overflow. */
    public static final long MAX_QUANTITY = 1_000_000_000_000L;
    /**
     * Seats of one item, and the years terms and issue times may name. Checked when a license file is imported, not
     * here, so that an item recorded before these bounds still replays.
     */
    public static final long MAX_SEATS = 1_000_000;
    public static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59Z");

    public LicenseItem {
        require(itemId != null, "itemId is missing");
        require(type != null, "type is missing");
        require(quantity >= 1 && quantity <= MAX_QUANTITY, (type == LicenseType.PER_USAGE ? "units" : "seats")
                + " must be between 1 and " + MAX_QUANTITY);
        require(validFrom != null && validUntil != null, "validFrom and validUntil are required");
        require(validFrom.isBefore(validUntil), "validFrom must be before validUntil");
        require(offlineWindow != null, "offlineWindow is missing");
        require(offlineWindow.compareTo(MIN_OFFLINE_WINDOW) >= 0 && offlineWindow.compareTo(MAX_OFFLINE_WINDOW) <= 0,
                "offlineWindow must be between PT3M and P365D, got " + offlineWindow);
        require(overage != null, "overage is missing");
        require(type != LicenseType.PER_DEVICE || activeWindow != null,
                "activeWindow (P1D, P30D, P90D or P365D) is required for PER_DEVICE");
        require(type == LicenseType.PER_DEVICE || activeWindow == null, "activeWindow applies to PER_DEVICE only");
        require(type == LicenseType.CONCURRENT_DEVICE || seatLease == null,
                "seatLease applies to CONCURRENT_DEVICE only");
        require(type != LicenseType.CONCURRENT_DEVICE || (seatLease != null && !seatLease.isNegative()
                && !seatLease.isZero()), "seatLease must be a positive duration");
        require(renewalOf == null || !renewalOf.equals(itemId), "an item cannot renew itself");
    }

    /** Whether the item's term covers {@code instant}: validFrom inclusive, validUntil exclusive. */
    public boolean isValidAt(Instant instant) {
        return !instant.isBefore(validFrom) && instant.isBefore(validUntil);
    }

    /** Quota plus the overage allowance, saturating at {@link Long#MAX_VALUE}. */
    public long hardLimit() {
        return Counts.add(quantity, overage.allowanceOver(quantity));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidValueException(message);
        }
    }
}
