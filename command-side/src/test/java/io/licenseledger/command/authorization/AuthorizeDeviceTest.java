package io.licenseledger.command.authorization;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.events.AppId;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.authorizeApp;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.createdForApps;
import static io.licenseledger.command.project.ProjectFixtures.devicesRegistered;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.overageEntered;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static io.licenseledger.command.project.ProjectFixtures.refusedFor;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;
import static io.licenseledger.command.project.ProjectFixtures.stream;

class AuthorizeDeviceTest {

    /** NOW minus 45 days: a registration then on a 30-day window lapsed 15 days ago. */
    private static final Instant LONG_AGO = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant LONG_AGO_PLUS_7_DAYS = Instant.parse("2026-01-22T12:00:00Z");
    private static final Instant LONG_AGO_PLUS_30_DAYS = Instant.parse("2026-02-14T12:00:00Z");
    /** Seats held for a 30-day active window, leased for a 7-day offline window (TestItems). */
    private static final LicenseItem TEN_SEATS = perDevice("seats-10", 10, "PERCENT(10)", TERM_START, TERM_END);
    private static final LicenseItem TWO_SEATS_NO_OVERAGE = perDevice("seats-2", 2, "NONE", TERM_START, TERM_END);
    /** Units leased for a 7-day offline window, which is also the registration. */
    private static final LicenseItem UNITS = perUsage("units-1000", 1000, "PERCENT(5)", TERM_START, TERM_END);

    private final ProjectScenario fixture = new ProjectScenario();

    @Test
    void firstDeviceIsRegisteredWithALeaseForTheOfflineWindowAndASeatForTheActiveWindow() {
        DeviceAuthorized expected = new DeviceAuthorized(PROJECT, new DeviceId("dev-new"), "name of dev-new", null,
                TEN_SEATS.itemId(), LicenseType.PER_DEVICE, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS);

        fixture.given(created(), attached(TEN_SEATS))
                .when(authorize("dev-new", NOW))
                .expectEvents(expected)
                .expectResultMessagePayload(new AuthorizationDecision.Granted(expected));
    }

    @Test
    void newDevicesAreGrantedWithoutOverageUpToTheSeats() {
        fixture.given(stream(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 9, 0),
                        quotaAlert(LicenseType.PER_DEVICE, 60, "seats-10", 6, 10, EARLIER),
                        quotaAlert(LicenseType.PER_DEVICE, 80, "seats-10", 8, 10, EARLIER)))
                .when(authorize("dev-10", NOW))
                .expectEvents(granted("dev-10", TEN_SEATS, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        quotaAlert(LicenseType.PER_DEVICE, 100, "seats-10", 10, 10, NOW));
    }

    @Test
    void newDeviceIsGrantedInOverageWhenSeatsAreUsedButTheAllowanceIsNot() {
        DeviceAuthorized expected = granted("dev-11", TEN_SEATS, true, true, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS);

        fixture.given(stream(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 0),
                        quotaAlert(LicenseType.PER_DEVICE, 60, "seats-10", 6, 10, EARLIER),
                        quotaAlert(LicenseType.PER_DEVICE, 80, "seats-10", 8, 10, EARLIER),
                        quotaAlert(LicenseType.PER_DEVICE, 100, "seats-10", 10, 10, EARLIER)))
                .when(authorize("dev-11", NOW))
                .expectEvents(expected,
                        overageEntered(LicenseType.PER_DEVICE, "seats-10", 11, 10, NOW),
                        hardStop(LicenseType.PER_DEVICE, "seats-10", 11, 11, NOW))
                .expectResultMessagePayload(new AuthorizationDecision.Granted(expected));
    }

    @Test
    void newDeviceIsRefusedWhenSeatsAndOverageAreUsed() {
        fixture.given(stream(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 1)))
                .when(authorize("dev-12", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-12"), null,
                        ErrorCode.QUOTA_EXCEEDED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void newDeviceIsRefusedAtTheSeatsWhenTheItemAllowsNoOverage() {
        fixture.given(stream(created(), attached(TWO_SEATS_NO_OVERAGE), devicesRegistered(TWO_SEATS_NO_OVERAGE, 2, 0)))
                .when(authorize("dev-3", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-3"), null,
                        ErrorCode.QUOTA_EXCEEDED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void registeredDeviceIsReauthorizedWithoutANewSeatWhileTheProjectIsFull() {
        DeviceAuthorized expected = granted("dev-1", TEN_SEATS, false, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS);

        fixture.given(stream(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 1)))
                .when(authorize("dev-1", NOW))
                .expectEvents(expected)
                .expectResultMessagePayload(new AuthorizationDecision.Granted(expected));
    }

    @Test
    void deviceRegisteredInOverageStaysInOverageWhenReauthorized() {
        fixture.given(stream(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 1)))
                .when(authorize("dev-11", NOW))
                .expectEvents(granted("dev-11", TEN_SEATS, false, true, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void reauthorizingARegisteredDeviceTakesNoSeatFromTheNextNewDevice() {
        Instant aMinuteAgo = Instant.parse("2026-03-01T11:59:00Z");

        fixture.given(stream(created(), attached(TWO_SEATS_NO_OVERAGE), devicesRegistered(TWO_SEATS_NO_OVERAGE, 1, 0),
                        granted("dev-1", TWO_SEATS_NO_OVERAGE, false, false, aMinuteAgo,
                                Instant.parse("2026-03-31T11:59:00Z"), Instant.parse("2026-03-08T11:59:00Z"))))
                .when(authorize("dev-2", NOW))
                .expectEvents(granted("dev-2", TWO_SEATS_NO_OVERAGE, true, false, NOW, NOW_PLUS_30_DAYS,
                                NOW_PLUS_7_DAYS),
                        quotaAlert(LicenseType.PER_DEVICE, 60, "seats-2", 2, 2, NOW),
                        quotaAlert(LicenseType.PER_DEVICE, 80, "seats-2", 2, 2, NOW),
                        quotaAlert(LicenseType.PER_DEVICE, 100, "seats-2", 2, 2, NOW),
                        hardStop(LicenseType.PER_DEVICE, "seats-2", 2, 2, NOW));
    }

    @Test
    void leaseAndRegistrationStopAtTheEndOfAnItemEndingWithinTheWindows() {
        Instant itemEnd = NOW.plus(Duration.ofDays(2));
        LicenseItem endingSoon = perDevice("ending-soon", 5, "NONE", TERM_START, itemEnd);

        fixture.given(created(), attached(endingSoon))
                .when(authorize("dev-new", NOW))
                .expectEvents(new DeviceAuthorized(PROJECT, new DeviceId("dev-new"), "name of dev-new", null,
                        endingSoon.itemId(), LicenseType.PER_DEVICE, true, false, NOW, itemEnd, itemEnd));
    }

    @Test
    void registrationStopsAtTheItemEndWhileTheShorterLeaseRunsItsFullOfflineWindow() {
        Instant itemEnd = NOW.plus(Duration.ofDays(10));
        LicenseItem endingIn10Days = perDevice("ending-in-10-days", 5, "NONE", TERM_START, itemEnd);

        fixture.given(created(), attached(endingIn10Days))
                .when(authorize("dev-new", NOW))
                .expectEvents(new DeviceAuthorized(PROJECT, new DeviceId("dev-new"), "name of dev-new", null,
                        endingIn10Days.itemId(), LicenseType.PER_DEVICE, true, false, NOW, itemEnd, NOW_PLUS_7_DAYS));
    }

    @Test
    void itemEndingSoonestServesNewDevicesFirst() {
        LicenseItem endsLate = perDevice("ends-late", 5, "NONE", TERM_START, TERM_END);
        LicenseItem endsSoon = perDevice("ends-soon", 5, "NONE", TERM_START, Instant.parse("2026-06-01T00:00:00Z"));

        fixture.given(created(), attached(endsLate), attached(endsSoon))
                .when(authorize("dev-new", NOW))
                .expectEvents(granted("dev-new", endsSoon, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void whenTheSoonestEndingItemIsFullTheNextItemsSeatsAreUsedBeforeAnyOverage() {
        LicenseItem endsLate = perDevice("ends-late", 5, "PERCENT(100)", TERM_START, TERM_END);
        LicenseItem endsSoon = perDevice("ends-soon", 1, "PERCENT(100)", TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));

        fixture.given(created(), attached(endsLate), attached(endsSoon),
                        granted("dev-1", endsSoon, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS))
                .when(authorize("dev-2", NOW))
                .expectEvents(granted("dev-2", endsLate, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void projectWithoutItemsRefusesAsExpired() {
        fixture.given(created())
                .when(authorize("dev-new", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-new"), null,
                        ErrorCode.LICENSE_EXPIRED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_EXPIRED));
    }

    @Test
    void projectWhoseOnlyItemStartsLaterRefusesAsNotYetValid() {
        LicenseItem future = perDevice("future", 5, "NONE", NOW.plus(Duration.ofDays(1)), TERM_END);

        fixture.given(created(), attached(future))
                .when(authorize("dev-new", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-new"), null,
                        ErrorCode.LICENSE_NOT_YET_VALID, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_NOT_YET_VALID));
    }

    @Test
    void projectWhoseItemsAllEndedRefusesAsExpiredEvenForARegisteredDeviceWhoseRegistrationItFrees() {
        LicenseItem ended = perDevice("ended", 5, "NONE", TERM_START, NOW.minus(Duration.ofDays(1)));
        LicenseItem endedAtThisInstant = perUsage("ended-now", 5, "NONE", TERM_START, NOW);

        fixture.given(created(), attached(ended), attached(endedAtThisInstant),
                        granted("dev-1", ended, true, false, TERM_START, Instant.parse("2026-01-31T00:00:00Z"),
                                Instant.parse("2026-01-08T00:00:00Z")))
                .when(authorize("dev-1", NOW))
                .expectEvents(unregistered("dev-1", ended, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        new AuthorizationRefused(PROJECT, new DeviceId("dev-1"), null,
                        ErrorCode.LICENSE_EXPIRED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_EXPIRED));
    }

    @Test
    void allowedAppIsGrantedAndRecordedWithItsAppId() {
        DeviceAuthorized expected = new DeviceAuthorized(PROJECT, new DeviceId("dev-new"), "name of dev-new",
                new AppId("com.acme.scanner"), TEN_SEATS.itemId(), LicenseType.PER_DEVICE, true, false, NOW,
                NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS);

        fixture.given(createdForApps("com.acme.scanner", "com.acme.viewer"), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", "com.acme.scanner", NOW))
                .expectEvents(expected);
    }

    @Test
    void otherAppIsRefusedAndTheRefusalIsRecorded() {
        fixture.given(createdForApps("com.acme.scanner"), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", "com.rival.app", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-new"), new AppId("com.rival.app"),
                        ErrorCode.APP_NOT_ALLOWED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.APP_NOT_ALLOWED));
    }

    @Test
    void missingAppIsRefusedWhenTheProjectRestrictsApps() {
        fixture.given(createdForApps("com.acme.scanner"), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", null, NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-new"), null,
                        ErrorCode.APP_NOT_ALLOWED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.APP_NOT_ALLOWED));
    }

    @Test
    void anyAppIsServedWhenTheProjectRestrictsNone() {
        fixture.given(created(), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", "com.anyone.app", NOW))
                .expectEvents(new DeviceAuthorized(PROJECT, new DeviceId("dev-new"), "name of dev-new",
                        new AppId("com.anyone.app"), TEN_SEATS.itemId(), LicenseType.PER_DEVICE, true, false, NOW,
                        NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void usageDeviceIsGrantedWhileUnitsRemainWithALeaseAsRegistration() {
        DeviceAuthorized expected = new DeviceAuthorized(PROJECT, new DeviceId("dev-new"), "name of dev-new", null,
                UNITS.itemId(), LicenseType.PER_USAGE, true, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS);

        fixture.given(created(), attached(UNITS), used(UNITS, 999))
                .when(authorize("dev-new", NOW))
                .expectEvents(expected)
                .expectResultMessagePayload(new AuthorizationDecision.Granted(expected));
    }

    @Test
    void usageDeviceIsGrantedInOverageWhenPastQuotaButInsideTheAllowance() {
        fixture.given(created(), attached(UNITS), used(UNITS, 1049))
                .when(authorize("dev-new", NOW))
                .expectEvents(granted("dev-new", UNITS, true, true, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void usageDeviceIsRefusedOnceQuotaAndAllowanceAreUsed() {
        fixture.given(created(), attached(UNITS), used(UNITS, 1050))
                .when(authorize("dev-new", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-new"), null,
                        ErrorCode.QUOTA_EXCEEDED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void knownUsageDeviceIsRefusedOnceQuotaAndAllowanceAreUsed() {
        fixture.given(created(), attached(UNITS),
                        granted("dev-1", UNITS, true, false, EARLIER, EARLIER_PLUS_7_DAYS, EARLIER_PLUS_7_DAYS),
                        used(UNITS, 1200))
                .when(authorize("dev-1", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-1"), null,
                        ErrorCode.QUOTA_EXCEEDED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void knownUsageDeviceIsReauthorizedWhileUnitsRemain() {
        fixture.given(created(), attached(UNITS),
                        granted("dev-1", UNITS, true, false, EARLIER, EARLIER_PLUS_7_DAYS, EARLIER_PLUS_7_DAYS),
                        used(UNITS, 10))
                .when(authorize("dev-1", NOW))
                .expectEvents(granted("dev-1", UNITS, false, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void deviceWhoseItemEndedLeavesItAndMovesToAnotherValidItemAsANewRegistration() {
        Instant switchover = Instant.parse("2026-02-01T00:00:00Z");
        LicenseItem old = perDevice("old", 5, "NONE", Instant.parse("2025-02-01T00:00:00Z"), switchover);
        LicenseItem renewal = perDevice("renewal", 1, "NONE", switchover, TERM_END);

        fixture.given(created(), attached(old), attached(renewal),
                        granted("dev-1", old, true, false, Instant.parse("2026-01-15T00:00:00Z"), switchover,
                                Instant.parse("2026-01-22T00:00:00Z")))
                .when(authorize("dev-1", NOW))
                .expectEvents(unregistered("dev-1", old, UnregistrationReason.ITEM_ENDED, NOW),
                        granted("dev-1", renewal, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        quotaAlert(LicenseType.PER_DEVICE, 60, "renewal", 1, 1, NOW),
                        quotaAlert(LicenseType.PER_DEVICE, 80, "renewal", 1, 1, NOW),
                        quotaAlert(LicenseType.PER_DEVICE, 100, "renewal", 1, 1, NOW),
                        hardStop(LicenseType.PER_DEVICE, "renewal", 1, 1, NOW));
    }

    @Test
    void deviceThatMovedToAnotherItemHoldsItsSeatThere() {
        Instant switchover = Instant.parse("2026-02-01T00:00:00Z");
        LicenseItem old = perDevice("old", 5, "NONE", Instant.parse("2025-02-01T00:00:00Z"), switchover);
        LicenseItem renewal = perDevice("renewal", 1, "NONE", switchover, TERM_END);

        fixture.given(created(), attached(old), attached(renewal),
                        granted("dev-1", old, true, false, Instant.parse("2026-01-15T00:00:00Z"), switchover,
                                Instant.parse("2026-01-22T00:00:00Z")),
                        granted("dev-1", renewal, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS))
                .when(authorize("dev-2", NOW))
                .expectEvents(new AuthorizationRefused(PROJECT, new DeviceId("dev-2"), null,
                        ErrorCode.QUOTA_EXCEEDED, NOW));
    }

    @Test
    void seatsOfDevicesInactiveForTheirActiveWindowAreFreedForANewDevice() {
        fixture.given(created(), attached(TWO_SEATS_NO_OVERAGE),
                        granted("dev-1", TWO_SEATS_NO_OVERAGE, true, false, LONG_AGO, LONG_AGO_PLUS_30_DAYS,
                                LONG_AGO_PLUS_7_DAYS),
                        granted("dev-2", TWO_SEATS_NO_OVERAGE, true, false, LONG_AGO, LONG_AGO_PLUS_30_DAYS,
                                LONG_AGO_PLUS_7_DAYS),
                        quotaAlert(LicenseType.PER_DEVICE, 60, "seats-2", 2, 2, LONG_AGO),
                        quotaAlert(LicenseType.PER_DEVICE, 80, "seats-2", 2, 2, LONG_AGO),
                        quotaAlert(LicenseType.PER_DEVICE, 100, "seats-2", 2, 2, LONG_AGO),
                        hardStop(LicenseType.PER_DEVICE, "seats-2", 2, 2, LONG_AGO))
                .when(authorize("dev-3", NOW))
                .expectEvents(
                        unregistered("dev-1", TWO_SEATS_NO_OVERAGE, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        unregistered("dev-2", TWO_SEATS_NO_OVERAGE, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        granted("dev-3", TWO_SEATS_NO_OVERAGE, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void deviceBackAfterItsRegistrationLapsedIsUnregisteredAndTakesASeatAgain() {
        fixture.given(created(), attached(TEN_SEATS),
                        granted("dev-1", TEN_SEATS, true, false, LONG_AGO, LONG_AGO_PLUS_30_DAYS, LONG_AGO_PLUS_7_DAYS))
                .when(authorize("dev-1", NOW))
                .expectEvents(unregistered("dev-1", TEN_SEATS, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        granted("dev-1", TEN_SEATS, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    private static UsageRecorded used(LicenseItem item, long units) {
        return new UsageRecorded(PROJECT, new DeviceId("dev-usage"), new BatchId("batch-" + units), "f".repeat(64),
                List.of(new UsageAllocation(EARLIER, units, null, item.itemId())), units, UsageState.OK, null,
                EARLIER, null);
    }
}
