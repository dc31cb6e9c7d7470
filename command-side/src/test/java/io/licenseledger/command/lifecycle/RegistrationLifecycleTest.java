package io.licenseledger.command.lifecycle;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.lifecycle.ExpireRegistration;
import io.licenseledger.command.lifecycle.UnregisterDevice;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
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
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.filledWithoutOverage;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.refused;
import static io.licenseledger.command.project.ProjectFixtures.reportUsage;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;

/** A per-device registration lasts its active window after the last activity (A3, U5) or until an admin ends it. */
class RegistrationLifecycleTest {

    /** Where the daily window of dev-1, active at NOW, ends. */
    private static final Instant ONE_DAY_LATER = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant TWO_DAYS_LATER = Instant.parse("2026-03-03T12:00:00Z");
    /** When dev-1 is active again inside its first window, which then ends a day later. */
    private static final Instant TWENTY_HOURS_LATER = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant TWENTY_HOURS_LATER_PLUS_1_DAY = Instant.parse("2026-03-03T08:00:00Z");
    /** One daily-active seat, no overage, leased for 7 days offline: its holder keeps every other device out. */
    private static final LicenseItem DAILY = perDevice("daily-1", 1, "NONE", ActiveWindow.P1D, TERM_START, TERM_END);
    private static final LicenseItem UNITS = perUsage("units-1", 1000, "PERCENT(5)", TERM_START, TERM_END);

    private final ProjectScenario fixture = new ProjectScenario();

    // ---- A3: the active window, lazily inside a decision ----

    @Test
    void deviceInactiveForItsDailyWindowLosesItsSeatToANewDevice() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(authorize("dev-2", ONE_DAY_LATER))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, ONE_DAY_LATER),
                        new DeviceAuthorized(PROJECT, new DeviceId("dev-2"), "name of dev-2", null, DAILY.itemId(),
                                LicenseType.PER_DEVICE, true, false, ONE_DAY_LATER, TWO_DAYS_LATER,
                                Instant.parse("2026-03-09T12:00:00Z")));
    }

    @Test
    void newDeviceIsRefusedWhileTheHoldersDailyWindowHasNotElapsed() {
        Instant justBefore = ONE_DAY_LATER.minusSeconds(1);

        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(authorize("dev-2", justBefore))
                .expectRefused(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, justBefore));
    }

    @Test
    void usageReportedInsideTheWindowKeepsTheSeatPastTheFirstWindow() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, TWENTY_HOURS_LATER))
                .when(authorize("dev-2", ONE_DAY_LATER.plus(Duration.ofHours(1))))
                .expectEvents(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, ONE_DAY_LATER.plus(Duration.ofHours(1))));
    }

    @Test
    void deviceThatReportedUsageIsReauthorizedOnItsSeatAfterItsFirstWindow() {
        Instant back = ONE_DAY_LATER.plus(Duration.ofHours(1));

        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, TWENTY_HOURS_LATER))
                .when(authorize("dev-1", back))
                .expectEvents(granted("dev-1", DAILY, false, false, back, Instant.parse("2026-03-03T13:00:00Z"),
                        Instant.parse("2026-03-09T13:00:00Z")));
    }

    @Test
    void usageRefreshesTheDailyWindowFromTheReportsServerTime() {
        Instant reportedAt = TWENTY_HOURS_LATER;

        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(reportUsage("dev-1", "batch-1", 3, reportedAt))
                .expectEvents(new UsageRecorded(PROJECT, new DeviceId("dev-1"), new BatchId("batch-1"),
                        reportUsage("dev-1", "batch-1", 3, reportedAt).fingerprint(),
                        List.of(new UsageAllocation(reportedAt, 3, null, null)), 3, UsageState.OK, null, reportedAt,
                        TWENTY_HOURS_LATER_PLUS_1_DAY));
    }

    @Test
    void usageFromADeviceWhoseWindowElapsedRevivesNoRegistration() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(reportUsage("dev-1", "batch-1", 3, TWO_DAYS_LATER))
                .expectEvents(new UsageRecorded(PROJECT, new DeviceId("dev-1"), new BatchId("batch-1"),
                        reportUsage("dev-1", "batch-1", 3, TWO_DAYS_LATER).fingerprint(),
                        List.of(new UsageAllocation(TWO_DAYS_LATER, 3, null, null)), 3, UsageState.OK, null,
                        TWO_DAYS_LATER, null));
    }

    @Test
    void usageFromALapsedDeviceDoesNotKeepItsSeatFromANewDevice() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, TWO_DAYS_LATER))
                .when(authorize("dev-2", TWO_DAYS_LATER))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, TWO_DAYS_LATER),
                        granted("dev-2", DAILY, true, false, TWO_DAYS_LATER, Instant.parse("2026-03-04T12:00:00Z"),
                                Instant.parse("2026-03-10T12:00:00Z")));
    }

    @Test
    void deviceBackAfterItsDailyWindowIsUnregisteredThenRegisteredAnew() {
        Instant back = Instant.parse("2026-03-04T12:00:00Z");

        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(authorize("dev-1", back))
                .expectEvents(unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, back),
                        granted("dev-1", DAILY, true, false, back, Instant.parse("2026-03-05T12:00:00Z"),
                                Instant.parse("2026-03-11T12:00:00Z")));
    }

    // ---- A3: the sweeper's ExpireRegistration ----

    @Test
    void sweeperUnregistersADeviceWhoseWindowElapsed() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, ONE_DAY_LATER));
    }

    @Test
    void sweeperLeavesADeviceWhoseWindowHasNotElapsedYet() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER.minusMillis(1)))
                .expectSuccessWithNoEvents();
    }

    @Test
    void sweeperLeavesADeviceThatWasReauthorizedSinceItsDeadlineWasSet() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGiven(granted("dev-1", DAILY, false, false, TWENTY_HOURS_LATER, TWENTY_HOURS_LATER_PLUS_1_DAY,
                        Instant.parse("2026-03-09T08:00:00Z")))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .expectSuccessWithNoEvents();
    }

    @Test
    void sweeperLeavesADeviceWhoseUsageRenewedItsRegistration() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, TWENTY_HOURS_LATER))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .expectSuccessWithNoEvents();
    }

    @Test
    void sweeperDeadlineForAnUnknownDeviceChangesNothing() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-unknown"), ONE_DAY_LATER))
                .expectSuccessWithNoEvents();
    }

    @Test
    void sweeperDeadlineHandledTwiceUnregistersOnce() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER.plusSeconds(1)))
                .expectSuccessWithNoEvents();
    }

    @Test
    void sweeperLeavesADeviceOnAUsageItemWhichHoldsNoSeat() {
        fixture.given(created(), attached(UNITS),
                        granted("dev-1", UNITS, true, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), NOW.plus(Duration.ofDays(30))))
                .expectSuccessWithNoEvents();
    }

    @Test
    void sweeperUnregistersADeviceWhoseItemEndedBeforeItsWindow() {
        Instant itemEnd = NOW.plus(Duration.ofHours(6));
        LicenseItem endingToday = perDevice("ending-today", 1, "NONE", ActiveWindow.P1D, TERM_START, itemEnd);

        fixture.given(created(), attached(endingToday),
                        granted("dev-1", endingToday, true, false, NOW, itemEnd, itemEnd))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), itemEnd))
                .expectEvents(unregistered("dev-1", endingToday, UnregistrationReason.ITEM_ENDED, itemEnd));
    }

    @Test
    void seatFreedByTheSweeperGoesToTheNextDeviceWithNoFurtherUnregistration() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .when(authorize("dev-2", ONE_DAY_LATER.plusSeconds(5)))
                .expectEvents(granted("dev-2", DAILY, true, false, ONE_DAY_LATER.plusSeconds(5),
                        Instant.parse("2026-03-03T12:00:05Z"), Instant.parse("2026-03-09T12:00:05Z")));
    }

    // ---- An admin unregisters a device ----

    @Test
    void adminUnregistersARegisteredDevice() {
        Instant at = NOW.plus(Duration.ofHours(1));

        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), at))
                .expectEvents(unregistered("dev-1", DAILY, UnregistrationReason.UNREGISTERED_BY_ADMIN, at));
    }

    @Test
    void seatUnregisteredByAnAdminIsFreeAtOnce() {
        Instant at = Instant.parse("2026-03-01T13:00:00Z");

        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), at))
                .when(authorize("dev-2", at))
                .expectEvents(granted("dev-2", DAILY, true, false, at, Instant.parse("2026-03-02T13:00:00Z"),
                        Instant.parse("2026-03-08T13:00:00Z")));
    }

    @Test
    void adminUnregistersADeviceWhoseWindowElapsedButWasNotSweptYet() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), TWO_DAYS_LATER))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.UNREGISTERED_BY_ADMIN, TWO_DAYS_LATER));
    }

    @Test
    void adminUnregistersADeviceOnAUsageItem() {
        fixture.given(created(), attached(UNITS),
                        granted("dev-1", UNITS, true, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS))
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), NOW.plusSeconds(1)))
                .expectEvents(unregistered("dev-1", UNITS, UnregistrationReason.UNREGISTERED_BY_ADMIN,
                        NOW.plusSeconds(1)));
    }

    @Test
    void unregisteringAnUnknownDeviceIsRefusedAsNotRegistered() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-unknown"), NOW))
                .expectRefusedRecordingNothing(ErrorCode.DEVICE_NOT_REGISTERED, "dev-unknown");
    }

    @Test
    void unregisteringADeviceTheSweeperAlreadyUnregisteredIsRefusedAsNotRegistered() {
        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER.plusSeconds(1)))
                .expectRefusedRecordingNothing(ErrorCode.DEVICE_NOT_REGISTERED, "dev-1");
    }

    @Test
    void deviceUnregisteredByAnAdminIsANewRegistrationWhenItComesBack() {
        Instant at = Instant.parse("2026-03-01T13:00:00Z");

        fixture.given(dev1HoldsTheDailySeatSinceNow())
                .andGivenCommands(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), at))
                .when(authorize("dev-1", at.plusSeconds(1)))
                .expectEvents(granted("dev-1", DAILY, true, false, at.plusSeconds(1),
                        Instant.parse("2026-03-02T13:00:01Z"), Instant.parse("2026-03-08T13:00:01Z")));
    }

    /** dev-1 took the one daily seat at NOW, which raised every alert of that term. */
    private static List<Object> dev1HoldsTheDailySeatSinceNow() {
        return List.of(created(), attached(DAILY),
                granted("dev-1", DAILY, true, false, NOW, ONE_DAY_LATER, NOW_PLUS_7_DAYS),
                filledWithoutOverage(LicenseType.PER_DEVICE, "daily-1", 1, 1, NOW));
    }
}
