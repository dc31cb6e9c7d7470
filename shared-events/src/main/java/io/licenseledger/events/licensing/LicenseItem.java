package io.licenseledger.events.licensing;

import io.licenseledger.events.Counts;
import io.licenseledger.events.ItemId;

import java.time.Duration;
import java.time.Instant;

/**
 * One purchased unit of a license, as the vendor signed it and with the defaults of SPEC section 3 filled in.
 * {@code quantity} is seats for the device types and units for {@link LicenseType#PER_USAGE}. Data only: the bounds
 * below and every other rule of an item are checked when a license file is read ({@code LicenseDocument.parse}),
 * so an item recorded under older rules still replays.
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
    /** Seats of one item, and the years terms and issue times may name. */
    public static final long MAX_SEATS = 1_000_000;
    public static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59Z");

    /** Whether the item's term covers {@code instant}: validFrom inclusive, validUntil exclusive. */
    public boolean isValidAt(Instant instant) {
        return !instant.isBefore(validFrom) && instant.isBefore(validUntil);
    }

    /** {@code instant}, or the item's end if that comes first: nothing the item grants outlasts its term. */
    public Instant cappedAtEnd(Instant instant) {
        return instant.isBefore(validUntil) ? instant : validUntil;
    }

    /** Quota plus the overage allowance, saturating at {@link Long#MAX_VALUE}. */
    public long hardLimit() {
        return Counts.add(quantity, overage.allowanceOver(quantity));
    }
}
