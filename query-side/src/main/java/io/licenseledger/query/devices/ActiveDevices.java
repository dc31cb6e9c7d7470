package io.licenseledger.query.devices;

import java.time.Instant;
import java.util.List;

public record ActiveDevices(String projectId, int page, int size, long total, List<Device> devices) {

    /** {@code licenseType} and {@code itemId} are null for a device only ever seen reporting usage. */
    public record Device(String deviceId, String deviceName, String licenseType, String itemId, Instant firstSeenAt,
                         Instant lastActivityAt, Instant registeredUntil, boolean overage) {
    }
}
