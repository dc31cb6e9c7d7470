package io.licenseledger.query.devices;

import java.time.Instant;
import java.util.List;

/** One entry per unregistration: a device that lost its seat several times is listed each time. */
public record UnregisteredDevices(String projectId, int page, int size, long total,
                                  List<Unregistration> unregistrations) {

    public record Unregistration(String deviceId, String itemId, String reason, Instant unregisteredAt) {
    }
}
