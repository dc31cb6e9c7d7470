package io.licenseledger.query.devices;

import java.time.Instant;
import java.util.List;

public record ActiveDevices(String projectId, int page, int size, long total, List<Device> devices) {

    /**
     * {@code licenseType} and {@code itemId} are null for a device only ever seen reporting usage. {@code firstSeenAt}
     * starts again when a device registers anew after it was unregistered; the earlier registration's end is in the
     * unregistered list.
     */
    public record Device(String deviceId, String deviceName, String licenseType, String itemId, Instant firstSeenAt,
                         Instant lastActivityAt, Instant registeredUntil, boolean overage) {
    }
}
