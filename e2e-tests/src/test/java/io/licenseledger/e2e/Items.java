package io.licenseledger.e2e;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** License items valid from yesterday for a year, as a vendor would issue them. */
final class Items {

    private Items() {
    }

    static LicenseItem perDevice(String id, long seats, OveragePolicy overage) {
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return new LicenseItem(new ItemId(id), LicenseType.PER_DEVICE, seats, from, from.plus(365, ChronoUnit.DAYS),
                ActiveWindow.P30D, Duration.ofDays(7), null, overage, null);
    }

    static LicenseItem perDevice(String id, long seats, ActiveWindow window, Instant from, Instant until) {
        return new LicenseItem(new ItemId(id), LicenseType.PER_DEVICE, seats, from, until, window, Duration.ofHours(1),
                null, OveragePolicy.NONE, null);
    }

    static LicenseItem concurrent(String id, long seats, Duration seatLease, Instant from, Instant until) {
        return new LicenseItem(new ItemId(id), LicenseType.CONCURRENT_DEVICE, seats, from, until, null,
                Duration.ofMinutes(3), seatLease, OveragePolicy.NONE, null);
    }

    static LicenseItem perUsage(String id, long units, Instant from, Instant until, String renewalOf) {
        return new LicenseItem(new ItemId(id), LicenseType.PER_USAGE, units, from, until, null, Duration.ofHours(1),
                null, OveragePolicy.percent(5), renewalOf == null ? null : new ItemId(renewalOf));
    }

    static LicenseItem perUsage(String id, long units, OveragePolicy overage) {
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return new LicenseItem(new ItemId(id), LicenseType.PER_USAGE, units, from, from.plus(365, ChronoUnit.DAYS),
                null, Duration.ofHours(1), null, overage, null);
    }
}
