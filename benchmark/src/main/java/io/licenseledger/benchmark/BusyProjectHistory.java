package io.licenseledger.benchmark;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The history scenario's busy project after its fresh-store part: new devices up to {@code devices}, then
 * re-authorizations.
 */
final class BusyProjectHistory {

    private final ProjectId projectId;
    private final ItemId item = new ItemId("busy");
    private final int devices;
    private final Instant start = Instant.now().minus(20, ChronoUnit.HOURS);
    private long sequence;
    private int registered;
    private long emitted;

    BusyProjectHistory(String projectId, long nextSequence, int registered, int devices) {
        this.projectId = new ProjectId(projectId);
        this.sequence = nextSequence;
        this.devices = devices;
        this.registered = registered;
    }

    static String device(int n) {
        return "busy-" + n;
    }

    LedgerHistory.Event next() {
        Instant at = start.plusMillis(emitted++ / 8);
        boolean newDevice = registered < devices;
        int device = newDevice ? registered++ : ThreadLocalRandom.current().nextInt(devices);
        DeviceAuthorized authorized = new DeviceAuthorized(projectId, new DeviceId(device(device)), null, null,
                item, LicenseType.PER_DEVICE, newDevice, false, at, at.plus(30, ChronoUnit.DAYS),
                at.plus(7, ChronoUnit.DAYS));
        return new LedgerHistory.Event("Project", projectId.value(), sequence++, authorized,
                "license-key:busy", at);
    }

    /** The project's events so far, those of the fresh store included. */
    long events() {
        return sequence;
    }
}
