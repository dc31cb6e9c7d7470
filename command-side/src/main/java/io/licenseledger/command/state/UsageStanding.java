package io.licenseledger.command.state;

import io.licenseledger.events.Counts;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.UsageState;

import java.util.Collection;
import java.util.Map;

/** Where a project's usage stands on the usage items serving at one instant (rules U3, A5). */
public record UsageStanding(long quota, long hardLimit, long used) {

    /** A suspended or revoked project: usage is still recorded, and the SDK is told to stop. */
    public static final UsageStanding STOPPED = new UsageStanding(1, 0, 0);

    public static UsageStanding of(Collection<LicenseItem> usageItems, Map<ItemId, Long> unitsPerItem) {
        long quota = 0;
        long hardLimit = 0;
        long used = 0;
        for (LicenseItem item : usageItems) {
            quota = Counts.add(quota, item.quantity());
            hardLimit = Counts.add(hardLimit, item.hardLimit());
            used = Counts.add(used, unitsPerItem.getOrDefault(item.itemId(), 0L));
        }
        return new UsageStanding(quota, hardLimit, used);
    }

    public boolean limitsUsage() {
        return quota > 0;
    }

    public boolean isUnlimited() {
        return hardLimit == Long.MAX_VALUE;
    }

    public boolean isExhausted() {
        return limitsUsage() && !isUnlimited() && used >= hardLimit;
    }

    public boolean isInOverage() {
        return used > quota && !isExhausted();
    }

    public UsageState state() {
        if (isExhausted()) {
            return UsageState.EXHAUSTED;
        }
        return isInOverage() ? UsageState.OVERAGE : UsageState.OK;
    }

    /** Units left before the hard stop; null when nothing limits usage. */
    public Long unitsRemaining() {
        if (!limitsUsage() || isUnlimited()) {
            return null;
        }
        return Counts.remaining(hardLimit, used);
    }
}
