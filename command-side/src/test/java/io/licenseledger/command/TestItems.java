package io.licenseledger.command;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;

import java.time.Duration;
import java.time.Instant;

/**
 * License items as a vendor would sign them, with only what a test cares about to fill in. Unless a test says
 * otherwise, a per-device item holds a device for 30 days after its last activity and every item leases 7 days
 * offline.
 */
public final class TestItems {

    public static final Duration OFFLINE_WINDOW = Duration.ofDays(7);

    private TestItems() {
    }

    public static LicenseItem perDevice(String itemId, long seats, String overage, Instant validFrom,
                                        Instant validUntil) {
        return new LicenseItem(new ItemId(itemId), LicenseType.PER_DEVICE, seats, validFrom, validUntil,
                ActiveWindow.P30D, OFFLINE_WINDOW, null, OveragePolicy.parse(overage), null);
    }

    public static LicenseItem perDevice(String itemId, long seats, String overage, ActiveWindow activeWindow,
                                        Instant validFrom, Instant validUntil) {
        return new LicenseItem(new ItemId(itemId), LicenseType.PER_DEVICE, seats, validFrom, validUntil,
                activeWindow, OFFLINE_WINDOW, null, OveragePolicy.parse(overage), null);
    }

    public static LicenseItem concurrent(String itemId, long seats, String overage, Duration seatLease,
                                         Instant validFrom, Instant validUntil) {
        return new LicenseItem(new ItemId(itemId), LicenseType.CONCURRENT_DEVICE, seats, validFrom, validUntil, null,
                OFFLINE_WINDOW, seatLease, OveragePolicy.parse(overage), null);
    }

    public static LicenseItem perUsage(String itemId, long units, String overage, Instant validFrom,
                                       Instant validUntil) {
        return new LicenseItem(new ItemId(itemId), LicenseType.PER_USAGE, units, validFrom, validUntil, null,
                OFFLINE_WINDOW, null, OveragePolicy.parse(overage), null);
    }

    public static LicenseItem renewing(LicenseItem renewal, String renewedItemId) {
        return new LicenseItem(renewal.itemId(), renewal.type(), renewal.quantity(), renewal.validFrom(),
                renewal.validUntil(), renewal.activeWindow(), renewal.offlineWindow(), renewal.seatLease(),
                renewal.overage(), new ItemId(renewedItemId));
    }
}
