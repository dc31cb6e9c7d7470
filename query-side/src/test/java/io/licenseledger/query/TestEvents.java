package io.licenseledger.query;

import io.licenseledger.events.AppId;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.Feature;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Events as the command side records them, with only what a test cares about to fill in. */
public final class TestEvents {

    public static final LicenseId LICENSE = new LicenseId("lic-1");

    private TestEvents() {
    }

    public static LicenseItem item(String itemId, LicenseType type, long quantity, Instant validFrom,
                                   Instant validUntil, OveragePolicy overage) {
        return new LicenseItem(new ItemId(itemId), type, quantity, validFrom, validUntil,
                type == LicenseType.PER_DEVICE ? ActiveWindow.P30D : null, Duration.ofDays(7),
                type == LicenseType.CONCURRENT_DEVICE ? Duration.ofMinutes(3) : null, overage, null);
    }

    public static LicenseItem renewal(LicenseItem item, String renews) {
        return new LicenseItem(item.itemId(), item.type(), item.quantity(), item.validFrom(), item.validUntil(),
                item.activeWindow(), item.offlineWindow(), item.seatLease(), item.overage(), new ItemId(renews));
    }

    public static QuotaAdded attached(ProjectId projectId, LicenseItem item) {
        return new QuotaAdded(projectId, LICENSE, item);
    }

    public static DeviceAuthorized authorized(ProjectId projectId, String deviceId, String itemId, LicenseType type,
                                              boolean newRegistration, Instant at, Instant registeredUntil) {
        return new DeviceAuthorized(projectId, new DeviceId(deviceId), "name of " + deviceId, new AppId("app"),
                new ItemId(itemId), type, newRegistration, false, at, registeredUntil, at.plus(Duration.ofDays(7)));
    }

    public static DeviceUnregistered unregistered(ProjectId projectId, String deviceId, String itemId,
                                                  UnregistrationReason reason, Instant at) {
        return new DeviceUnregistered(projectId, new DeviceId(deviceId), itemId == null ? null : new ItemId(itemId),
                reason, at);
    }

    public static UsageAllocation entry(Instant at, long units, String feature, String itemId) {
        return new UsageAllocation(at, units, feature == null ? null : new Feature(feature),
                itemId == null ? null : new ItemId(itemId));
    }

    public static UsageRecorded usage(ProjectId projectId, String deviceId, String batchId, Instant recordedAt,
                                      Instant deviceActiveUntil, UsageAllocation... allocations) {
        long units = List.of(allocations).stream().mapToLong(UsageAllocation::units).sum();
        return new UsageRecorded(projectId, new DeviceId(deviceId), new BatchId(batchId), "sha256:" + batchId,
                List.of(allocations), units, UsageState.OK, null, recordedAt, deviceActiveUntil);
    }
}
