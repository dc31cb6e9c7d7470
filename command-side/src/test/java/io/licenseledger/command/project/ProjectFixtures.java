package io.licenseledger.command.project;

import io.licenseledger.command.authorization.AuthorizeDevice;
import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.ItemAttached;
import io.licenseledger.events.project.ProjectCreated;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The project stream the aggregate tests start from. Times are fixed: decisions take theirs from the command. */
final class ProjectFixtures {

    static final ProjectId PROJECT = new ProjectId("prj-1");
    static final LicenseId LICENSE = new LicenseId("lic-1");
    static final String CREDENTIAL_HASH = "c".repeat(64);
    static final Instant TERM_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TERM_END = Instant.parse("2027-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant EARLIER = NOW.minus(Duration.ofDays(1));

    private ProjectFixtures() {
    }

    static ProjectCreated created() {
        return new ProjectCreated(PROJECT, "Scanner app", CREDENTIAL_HASH, Set.of());
    }

    static ProjectCreated createdForApps(String... appIds) {
        Set<AppId> allowed = new LinkedHashSet<>();
        for (String appId : appIds) {
            allowed.add(new AppId(appId));
        }
        return new ProjectCreated(PROJECT, "Scanner app", CREDENTIAL_HASH, allowed);
    }

    static ItemAttached attached(LicenseItem item) {
        return new ItemAttached(PROJECT, LICENSE, item);
    }

    static AuthorizeDevice authorize(String deviceId, Instant at) {
        return new AuthorizeDevice(PROJECT, new DeviceId(deviceId), "name of " + deviceId, null, at);
    }

    static AuthorizeDevice authorizeApp(String deviceId, String appId, Instant at) {
        return new AuthorizeDevice(PROJECT, new DeviceId(deviceId), "name of " + deviceId,
                appId == null ? null : new AppId(appId), at);
    }

    /** The grant a device gets on {@code item} at {@code at}, with the lease and registration the spec asks for. */
    static DeviceAuthorized granted(String deviceId, LicenseItem item, boolean newRegistration, boolean overage,
                                    Instant at) {
        Instant leaseExpiresAt = earliest(at.plus(item.offlineWindow()), item.validUntil());
        Instant registeredUntil = item.activeWindow() == null ? leaseExpiresAt
                : earliest(at.plus(item.activeWindow().duration()), item.validUntil());
        return new DeviceAuthorized(PROJECT, new DeviceId(deviceId), "name of " + deviceId, null, item.itemId(),
                item.type(), newRegistration, overage, at, registeredUntil, leaseExpiresAt);
    }

    /** Devices {@code dev-1..dev-n} registered on the item a day ago, the first {@code seats} within its seats. */
    static List<Object> devicesRegistered(LicenseItem item, int count) {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(granted("dev-" + i, item, true, i > item.quantity(), EARLIER));
        }
        return events;
    }

    static List<Object> stream(Object... events) {
        List<Object> stream = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof List<?> list) {
                stream.addAll(list);
            } else {
                stream.add(event);
            }
        }
        return stream;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
