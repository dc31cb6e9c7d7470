package io.licenseledger.benchmark;

import io.licenseledger.events.AppId;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Feature;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseImported;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A month of a license server's life as the command side would have recorded it, one event at a time in ledger
 * order: projects are created with a license of a seat item and a usage item, then their devices register,
 * re-authorize (most traffic), report usage in batches of ten entries, get refused now and then, lapse, and raise a
 * quota alert. Projects interleave like real traffic. Deterministic for a given seed.
 */
final class LedgerHistory implements EventRows.Source {

    /** One event with what the ledger stores beside it. */
    record Event(String aggregateType, String aggregateId, long sequence, Object payload, String actor,
                 Instant timestamp) {
    }

    private static final List<String> FEATURES = List.of("scan", "print", "export");
    private static final int SEATS = 5_000;

    private final Random random;
    private final List<ProjectState> projects = new ArrayList<>();
    private final Instant start;
    private final long stepNanos;
    private final String prefix;
    private long emitted;

    LedgerHistory(int projectCount, long totalEvents, Instant end, long seed) {
        this.random = new Random(seed);
        Duration span = Duration.ofDays(30);
        this.start = end.minus(span);
        this.stepNanos = Math.max(1, span.toNanos() / Math.max(1, totalEvents));
        this.prefix = "hist" + Long.toString(seed, 36) + "-";
        for (int i = 0; i < projectCount; i++) {
            projects.add(new ProjectState(i));
        }
    }

    @Override
    public Event next() {
        Instant at = start.plusNanos(stepNanos * emitted++);
        ProjectState project = projects.get(random.nextInt(projects.size()));
        return project.next(at);
    }

    private final class ProjectState {
        private final ProjectId projectId;
        private final LicenseId licenseId;
        private final LicenseItem seatItem;
        private final LicenseItem usageItem;
        private final String actor;
        private final List<DeviceId> registered = new ArrayList<>();
        private int setupStep;
        private long sequence;
        private long devicesSeen;
        private long batches;
        private long unitsUsed;
        private boolean alerted;

        ProjectState(int index) {
            this.projectId = new ProjectId("prj_" + prefix + index);
            this.licenseId = new LicenseId("LIC-" + prefix + index);
            Instant from = start.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            this.seatItem = new LicenseItem(new ItemId(prefix + index + "-seats"), LicenseType.PER_DEVICE, SEATS, from,
                    from.plus(365, ChronoUnit.DAYS), ActiveWindow.P30D, Duration.ofDays(7), null,
                    OveragePolicy.percent(10), null);
            this.usageItem = new LicenseItem(new ItemId(prefix + index + "-units"), LicenseType.PER_USAGE, 100_000_000,
                    from, from.plus(365, ChronoUnit.DAYS), null, Duration.ofDays(1), null, OveragePolicy.percent(5),
                    null);
            this.actor = "license-key:" + hex(8);
        }

        Event next(Instant at) {
            switch (setupStep) {
                case 0 -> {
                    setupStep++;
                    return new Event("License", licenseId.value(), 0, new LicenseImported(licenseId, "Customer "
                            + projectId.value(), at.minus(1, ChronoUnit.DAYS), hex(8), hex(32),
                            List.of(seatItem, usageItem)), "admin:configured-admin", at);
                }
                case 1 -> {
                    setupStep++;
                    return project(new ProjectCreated(projectId, "Project " + projectId.value(), hex(32), Set.of()),
                            "admin:configured-admin", at);
                }
                case 2 -> {
                    setupStep++;
                    return project(new QuotaAdded(projectId, licenseId, seatItem), "admin:configured-admin", at);
                }
                case 3 -> {
                    setupStep++;
                    return project(new QuotaAdded(projectId, licenseId, usageItem), "admin:configured-admin", at);
                }
                default -> {
                    return activity(at);
                }
            }
        }

        private Event activity(Instant at) {
            double dice = random.nextDouble();
            if (dice < 0.20 || registered.isEmpty()) {
                if (registered.size() >= SEATS) {
                    return project(new AuthorizationRefused(projectId, device(), null, ErrorCode.QUOTA_EXCEEDED, at),
                            actor, at);
                }
                DeviceId deviceId = device();
                registered.add(deviceId);
                return project(authorized(deviceId, true, at), actor, at);
            }
            if (dice < 0.60) {
                return project(authorized(anyRegistered(), false, at), actor, at);
            }
            if (dice < 0.93) {
                return project(usage(anyRegistered(), at), actor, at);
            }
            if (dice < 0.96) {
                return project(new AuthorizationRefused(projectId, device(), new AppId("other.app"),
                        ErrorCode.APP_NOT_ALLOWED, at), actor, at);
            }
            if (dice < 0.99 || alerted) {
                DeviceId lapsed = registered.remove(random.nextInt(registered.size()));
                return project(new DeviceUnregistered(projectId, lapsed, seatItem.itemId(),
                        UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, at), "system:sweeper", at);
            }
            alerted = true;
            return project(new AlertRaised(projectId, "QUOTA_THRESHOLD:PER_DEVICE:60:" + seatItem.itemId().value(),
                    AlertKind.QUOTA_THRESHOLD, LicenseType.PER_DEVICE, 60, seatItem.itemId().value(),
                    registered.size(), SEATS, at), actor, at);
        }

        private DeviceAuthorized authorized(DeviceId deviceId, boolean newRegistration, Instant at) {
            return new DeviceAuthorized(projectId, deviceId, null, null, seatItem.itemId(), LicenseType.PER_DEVICE,
                    newRegistration, false, at, at.plus(30, ChronoUnit.DAYS), at.plus(7, ChronoUnit.DAYS));
        }

        private UsageRecorded usage(DeviceId deviceId, Instant at) {
            List<UsageAllocation> allocations = new ArrayList<>();
            long units = 0;
            for (int i = 0; i < 10; i++) {
                long entryUnits = 1 + random.nextInt(10);
                units += entryUnits;
                String feature = FEATURES.get(random.nextInt(FEATURES.size()));
                allocations.add(new UsageAllocation(at.minusSeconds(random.nextInt(3_600)).truncatedTo(ChronoUnit.SECONDS),
                        entryUnits, i % 4 == 3 ? null : new Feature(feature), usageItem.itemId()));
            }
            unitsUsed += units;
            long hardLimit = usageItem.hardLimit();
            return new UsageRecorded(projectId, deviceId, new BatchId("b-" + batches++), hex(32), allocations, units,
                    UsageState.OK, Math.max(0, hardLimit - unitsUsed), at, at.plus(30, ChronoUnit.DAYS));
        }

        private DeviceId device() {
            return new DeviceId("dev-" + devicesSeen++);
        }

        private DeviceId anyRegistered() {
            return registered.get(random.nextInt(registered.size()));
        }

        private Event project(Object payload, String by, Instant at) {
            return new Event("Project", projectId.value(), sequence++, payload, by, at);
        }
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** A random-looking but repeatable event identifier. */
    @Override
    public String eventIdentifier() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
