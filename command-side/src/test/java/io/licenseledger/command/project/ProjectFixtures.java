package io.licenseledger.command.project;

import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.command.authorization.AuthorizeDevice;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.events.AppId;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
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

import org.hamcrest.Matcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.licenseledger.command.Satisfying.satisfying;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.TestItems.renewing;
import static org.assertj.core.api.Assertions.assertThat;

/** The project stream the aggregate tests start from. Times are fixed: decisions take theirs from the command. */
public final class ProjectFixtures {

    public static final ProjectId PROJECT = new ProjectId("prj-1");
    public static final LicenseId LICENSE = new LicenseId("lic-1");
    public static final String CREDENTIAL_HASH = "c".repeat(64);
    public static final Instant TERM_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant TERM_END = Instant.parse("2027-01-01T00:00:00Z");
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    public static final Instant EARLIER = NOW.minus(Duration.ofDays(1));
    // The ends of TestItems' 7-day offline and 30-day active windows opened at NOW and at EARLIER.
    public static final Instant NOW_PLUS_7_DAYS = Instant.parse("2026-03-08T12:00:00Z");
    public static final Instant NOW_PLUS_30_DAYS = Instant.parse("2026-03-31T12:00:00Z");
    public static final Instant EARLIER_PLUS_7_DAYS = Instant.parse("2026-03-07T12:00:00Z");
    public static final Instant EARLIER_PLUS_30_DAYS = Instant.parse("2026-03-30T12:00:00Z");

    /** Midnight of NOW's day, when the yearly usage item {@link #OLD_UNITS} hands over to {@link #RENEWED_UNITS}. */
    public static final Instant RENEWAL_START = Instant.parse("2026-03-01T00:00:00Z");
    public static final LicenseItem OLD_UNITS = perUsage("old", 1000, "PERCENT(10)",
            Instant.parse("2025-03-01T00:00:00Z"), RENEWAL_START);
    public static final LicenseItem RENEWED_UNITS = renewing(perUsage("renewal", 1000, "PERCENT(10)", RENEWAL_START,
            Instant.parse("2027-03-01T00:00:00Z")), "old");

    private ProjectFixtures() {
    }

    public static ProjectCreated created() {
        return new ProjectCreated(PROJECT, "Scanner app", CREDENTIAL_HASH, Set.of());
    }

    public static ProjectCreated createdForApps(String... appIds) {
        Set<AppId> allowed = new LinkedHashSet<>();
        for (String appId : appIds) {
            allowed.add(new AppId(appId));
        }
        return new ProjectCreated(PROJECT, "Scanner app", CREDENTIAL_HASH, allowed);
    }

    public static QuotaAdded attached(LicenseItem item) {
        return new QuotaAdded(PROJECT, LICENSE, item);
    }

    public static AuthorizeDevice authorize(String deviceId, Instant at) {
        return new AuthorizeDevice(PROJECT, new DeviceId(deviceId), "name of " + deviceId, null, at);
    }

    public static AuthorizeDevice authorizeApp(String deviceId, String appId, Instant at) {
        return new AuthorizeDevice(PROJECT, new DeviceId(deviceId), "name of " + deviceId,
                appId == null ? null : new AppId(appId), at);
    }

    /** A batch of one entry of {@code units} at the server time {@code at}. */
    public static ReportUsage reportUsage(String deviceId, String batchId, long units, Instant at) {
        return new ReportUsage(PROJECT, new DeviceId(deviceId), new BatchId(batchId),
                List.of(new ReportUsage.Entry(at, units, null)), at);
    }

    /** A device granted {@code item} at {@code at}, registered (holding its seat) and leased until the times given. */
    public static DeviceAuthorized granted(String deviceId, LicenseItem item, boolean newRegistration, boolean overage,
                                           Instant at, Instant registeredUntil, Instant leaseExpiresAt) {
        return grantedApp(deviceId, null, item, newRegistration, overage, at, registeredUntil, leaseExpiresAt);
    }

    /** {@link #granted} for a device that named its app, {@code appId}. */
    public static DeviceAuthorized grantedApp(String deviceId, String appId, LicenseItem item, boolean newRegistration,
                                              boolean overage, Instant at, Instant registeredUntil,
                                              Instant leaseExpiresAt) {
        return new DeviceAuthorized(PROJECT, new DeviceId(deviceId), "name of " + deviceId,
                appId == null ? null : new AppId(appId), item.itemId(), item.type(), newRegistration, overage, at,
                registeredUntil, leaseExpiresAt);
    }

    public static DeviceUnregistered unregistered(String deviceId, LicenseItem item, UnregistrationReason reason,
                                           Instant at) {
        return new DeviceUnregistered(PROJECT, new DeviceId(deviceId), item.itemId(), reason, at);
    }

    public static AuthorizationRefused refused(String deviceId, ErrorCode reason, Instant at) {
        return refusedApp(deviceId, null, reason, at);
    }

    public static AuthorizationRefused refusedApp(String deviceId, String appId, ErrorCode reason, Instant at) {
        return new AuthorizationRefused(PROJECT, new DeviceId(deviceId), appId == null ? null : new AppId(appId),
                reason, at);
    }

    /**
     * {@code report} recorded as {@code allocations}, {@code units} in all, standing at {@code state} with
     * {@code remaining} units left, the device's registration refreshed until {@code activeUntil} (null: none).
     */
    public static UsageRecorded recorded(ReportUsage report, long units, UsageState state, Long remaining,
                                         Instant activeUntil, UsageAllocation... allocations) {
        return new UsageRecorded(PROJECT, report.deviceId(), report.batchId(), report.fingerprint(),
                List.of(allocations), units, state, remaining, report.at(), activeUntil);
    }

    /** Use of {@code type} crossed {@code percent} % of its quota in the term of the items {@code term} names. */
    public static AlertRaised quotaAlert(LicenseType type, int percent, String term, long used, long quota, Instant at) {
        return new AlertRaised(PROJECT, "QUOTA_THRESHOLD:" + type + ":" + percent + ":" + term,
                AlertKind.QUOTA_THRESHOLD, type, percent, term, used, quota, at);
    }

    /** The 60, 80 and 100 % alerts of a term, raised at once by a step from under 60 % to {@code used}. */
    public static List<AlertRaised> quotaAlertsToFull(LicenseType type, String term, long used, long quota,
                                                      Instant at) {
        return List.of(quotaAlert(type, 60, term, used, quota, at), quotaAlert(type, 80, term, used, quota, at),
                quotaAlert(type, 100, term, used, quota, at));
    }

    /** Every alert of a term with no overage, raised at once by the step that fills it: to 100 % and the hard stop. */
    public static List<Object> filledWithoutOverage(LicenseType type, String term, long used, long quota, Instant at) {
        return stream(quotaAlertsToFull(type, term, used, quota, at), hardStop(type, term, used, quota, at));
    }

    /** The alerts of a term raised at once by a step from under 60 % into the overage: to 100 % and overage entered. */
    public static List<Object> intoOverage(LicenseType type, String term, long used, long quota, Instant at) {
        return stream(quotaAlertsToFull(type, term, used, quota, at), overageEntered(type, term, used, quota, at));
    }

    /** Every alert of a term, raised at once by a step from under 60 % to past its hard stop at {@code hardLimit}. */
    public static List<Object> pastTheHardStop(LicenseType type, String term, long used, long quota, long hardLimit,
                                               Instant at) {
        return stream(intoOverage(type, term, used, quota, at), hardStop(type, term, used, hardLimit, at));
    }

    public static AlertRaised overageEntered(LicenseType type, String term, long used, long quota, Instant at) {
        return new AlertRaised(PROJECT, "OVERAGE_ENTERED:" + type + ":0:" + term, AlertKind.OVERAGE_ENTERED, type, 0,
                term, used, quota, at);
    }

    public static AlertRaised hardStop(LicenseType type, String term, long used, long hardLimit, Instant at) {
        return new AlertRaised(PROJECT, "HARD_STOP:" + type + ":0:" + term, AlertKind.HARD_STOP, type, 0, term, used,
                hardLimit, at);
    }

    /** The project's last serving item, {@code itemId}, ends within {@code days} days; {@code daysLeft} rounded up. */
    public static AlertRaised expiryNear(int days, String itemId, long daysLeft, Instant at) {
        return new AlertRaised(PROJECT, "EXPIRY_NEAR:ALL:" + days + ":" + itemId, AlertKind.EXPIRY_NEAR, null, days,
                itemId, daysLeft, days, at);
    }

    /**
     * Devices {@code dev-1, dev-2...} registered at EARLIER on a per-device item of TestItems' windows, so until
     * EARLIER_PLUS_30_DAYS with leases until EARLIER_PLUS_7_DAYS: {@code inSeats} within its seats, then
     * {@code inOverage} in overage.
     */
    public static List<Object> devicesRegistered(LicenseItem item, int inSeats, int inOverage) {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= inSeats + inOverage; i++) {
            events.add(granted("dev-" + i, item, true, i > inSeats, EARLIER, EARLIER_PLUS_30_DAYS,
                    EARLIER_PLUS_7_DAYS));
        }
        return events;
    }

    public static List<Object> stream(Object... events) {
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

    /** The answer the SDK gets for a refusal: the code and a detail to show. */
    public static Matcher<AuthorizationDecision.Refused> refusedFor(ErrorCode reason) {
        return satisfying(AuthorizationDecision.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(reason);
            assertThat(refused.detail()).isNotBlank();
        });
    }

    /** A command refused with {@code code} and a message naming what was refused, {@code messageParts}. */
    public static Matcher<LedgerException> ledgerException(ErrorCode code, String... messageParts) {
        return satisfying(LedgerException.class, refusal -> {
            assertThat(refusal.code()).isEqualTo(code);
            if (messageParts.length > 0) {
                assertThat(refusal.getMessage()).contains(messageParts);
            }
        });
    }
}
