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
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.ledgerException;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static io.licenseledger.command.project.ProjectFixtures.refused;
import static io.licenseledger.command.project.ProjectFixtures.refusedFor;
import static io.licenseledger.command.project.ProjectFixtures.reportUsage;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;
import static org.mockito.Mockito.mock;

/** A per-device registration lasts its active window after the last activity (A3, U5) or until an admin ends it. */
class RegistrationLifecycleTest {

    /** One daily-active seat, no overage: whoever holds it keeps every other device out. */
    private static final LicenseItem DAILY = perDevice("daily-1", 1, "NONE", ActiveWindow.P1D, TERM_START, TERM_END);
    private static final LicenseItem UNITS = perUsage("units-1", 1000, "PERCENT(5)", TERM_START, TERM_END);
    private static final Instant ONE_DAY_LATER = NOW.plus(Duration.ofDays(1));

    private final ProjectScenario fixture = new ProjectScenario();

    // ---- A3: the active window, lazily inside a decision ----

    @Test
    void deviceInactiveForItsDailyWindowLosesItsSeatToANewDevice() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(authorize("dev-2", ONE_DAY_LATER))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, ONE_DAY_LATER),
                        new DeviceAuthorized(PROJECT, new DeviceId("dev-2"), "name of dev-2", null, DAILY.itemId(),
                                LicenseType.PER_DEVICE, true, false, ONE_DAY_LATER, NOW.plus(Duration.ofDays(2)),
                                NOW.plus(Duration.ofDays(8))));
    }

    @Test
    void newDeviceIsRefusedWhileTheHoldersDailyWindowHasNotElapsed() {
        Instant justBefore = ONE_DAY_LATER.minusSeconds(1);

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(authorize("dev-2", justBefore))
                .expectEvents(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, justBefore))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void usageReportedInsideTheWindowKeepsTheSeatPastTheFirstWindow() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, NOW.plus(Duration.ofHours(20))))
                .when(authorize("dev-2", ONE_DAY_LATER.plus(Duration.ofHours(1))))
                .expectEvents(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, ONE_DAY_LATER.plus(Duration.ofHours(1))));
    }

    @Test
    void deviceThatReportedUsageIsReauthorizedOnItsSeatAfterItsFirstWindow() {
        Instant back = ONE_DAY_LATER.plus(Duration.ofHours(1));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, NOW.plus(Duration.ofHours(20))))
                .when(authorize("dev-1", back))
                .expectEvents(granted("dev-1", DAILY, false, false, back));
    }

    @Test
    void usageRefreshesTheDailyWindowFromTheReportsServerTime() {
        Instant reportedAt = NOW.plus(Duration.ofHours(20));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(reportUsage("dev-1", "batch-1", 3, reportedAt))
                .expectEvents(new UsageRecorded(PROJECT, new DeviceId("dev-1"), new BatchId("batch-1"),
                        reportUsage("dev-1", "batch-1", 3, reportedAt).fingerprint(),
                        List.of(new UsageAllocation(reportedAt, 3, null, null)), 3, UsageState.OK, null, reportedAt,
                        reportedAt.plus(Duration.ofDays(1))));
    }

    @Test
    void usageFromADeviceWhoseWindowElapsedRevivesNoRegistration() {
        Instant twoDaysLater = NOW.plus(Duration.ofDays(2));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(reportUsage("dev-1", "batch-1", 3, twoDaysLater))
                .expectEvents(new UsageRecorded(PROJECT, new DeviceId("dev-1"), new BatchId("batch-1"),
                        reportUsage("dev-1", "batch-1", 3, twoDaysLater).fingerprint(),
                        List.of(new UsageAllocation(twoDaysLater, 3, null, null)), 3, UsageState.OK, null,
                        twoDaysLater, null));
    }

    @Test
    void usageFromALapsedDeviceDoesNotKeepItsSeatFromANewDevice() {
        Instant twoDaysLater = NOW.plus(Duration.ofDays(2));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, twoDaysLater))
                .when(authorize("dev-2", twoDaysLater))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, twoDaysLater),
                        granted("dev-2", DAILY, true, false, twoDaysLater));
    }

    @Test
    void deviceBackAfterItsDailyWindowIsUnregisteredThenRegisteredAnew() {
        Instant back = NOW.plus(Duration.ofDays(3));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(authorize("dev-1", back))
                .expectEvents(unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, back),
                        granted("dev-1", DAILY, true, false, back));
    }

    // ---- A3: the sweeper's ExpireRegistration ----

    @Test
    void sweeperUnregistersADeviceWhoseWindowElapsed() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, ONE_DAY_LATER));
    }

    @Test
    void sweeperLeavesADeviceWhoseWindowHasNotElapsedYet() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER.minusMillis(1)))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void sweeperLeavesADeviceThatWasReauthorizedSinceItsDeadlineWasSet() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGiven(granted("dev-1", DAILY, false, false, NOW.plus(Duration.ofHours(20))))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void sweeperLeavesADeviceWhoseUsageRenewedItsRegistration() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(reportUsage("dev-1", "batch-1", 3, NOW.plus(Duration.ofHours(20))))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void sweeperDeadlineForAnUnknownDeviceChangesNothing() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-unknown"), ONE_DAY_LATER))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void sweeperDeadlineHandledTwiceUnregistersOnce() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void sweeperLeavesADeviceOnAUsageItemWhichHoldsNoSeat() {
        fixture.given(created(), attached(UNITS), granted("dev-1", UNITS, true, false, NOW))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), NOW.plus(Duration.ofDays(30))))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void sweeperUnregistersADeviceWhoseItemEndedBeforeItsWindow() {
        Instant itemEnd = NOW.plus(Duration.ofHours(6));
        LicenseItem endingToday = perDevice("ending-today", 1, "NONE", ActiveWindow.P1D, TERM_START, itemEnd);

        fixture.given(created(), attached(endingToday), granted("dev-1", endingToday, true, false, NOW))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), itemEnd))
                .expectEvents(unregistered("dev-1", endingToday, UnregistrationReason.ITEM_ENDED, itemEnd));
    }

    @Test
    void seatFreedByTheSweeperGoesToTheNextDeviceWithNoFurtherUnregistration() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .when(authorize("dev-2", ONE_DAY_LATER.plusSeconds(5)))
                .expectEvents(granted("dev-2", DAILY, true, false, ONE_DAY_LATER.plusSeconds(5)));
    }

    // ---- An admin unregisters a device ----

    @Test
    void adminUnregistersARegisteredDevice() {
        Instant at = NOW.plus(Duration.ofHours(1));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), at))
                .expectEvents(unregistered("dev-1", DAILY, UnregistrationReason.UNREGISTERED_BY_ADMIN, at));
    }

    @Test
    void seatUnregisteredByAnAdminIsFreeAtOnce() {
        Instant at = NOW.plus(Duration.ofHours(1));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), at))
                .when(authorize("dev-2", at))
                .expectEvents(granted("dev-2", DAILY, true, false, at));
    }

    @Test
    void adminUnregistersADeviceWhoseWindowElapsedButWasNotSweptYet() {
        Instant twoDaysLater = NOW.plus(Duration.ofDays(2));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), twoDaysLater))
                .expectEvents(
                        unregistered("dev-1", DAILY, UnregistrationReason.UNREGISTERED_BY_ADMIN, twoDaysLater));
    }

    @Test
    void adminUnregistersADeviceOnAUsageItem() {
        fixture.given(created(), attached(UNITS), granted("dev-1", UNITS, true, false, NOW))
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), NOW.plusSeconds(1)))
                .expectEvents(unregistered("dev-1", UNITS, UnregistrationReason.UNREGISTERED_BY_ADMIN,
                        NOW.plusSeconds(1)));
    }

    @Test
    void unregisteringAnUnknownDeviceIsRefusedAsNotRegistered() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-unknown"), NOW))
                .expectNoEvents()
                .expectException(ledgerException(ErrorCode.DEVICE_NOT_REGISTERED, "dev-unknown"));
    }

    @Test
    void unregisteringADeviceTheSweeperAlreadyUnregisteredIsRefusedAsNotRegistered() {
        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER))
                .when(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), ONE_DAY_LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(ledgerException(ErrorCode.DEVICE_NOT_REGISTERED, "dev-1"));
    }

    @Test
    void deviceUnregisteredByAnAdminIsANewRegistrationWhenItComesBack() {
        Instant at = NOW.plus(Duration.ofHours(1));

        fixture.given(dev1HoldsTheDailySeatSince(NOW))
                .andGivenCommands(new UnregisterDevice(PROJECT, new DeviceId("dev-1"), at))
                .when(authorize("dev-1", at.plusSeconds(1)))
                .expectEvents(granted("dev-1", DAILY, true, false, at.plusSeconds(1)));
    }

    /** dev-1 took the one daily seat at {@code at}, which raised every alert of that term. */
    private static List<Object> dev1HoldsTheDailySeatSince(Instant at) {
        return List.of(created(), attached(DAILY), granted("dev-1", DAILY, true, false, at),
                quotaAlert(LicenseType.PER_DEVICE, 60, "daily-1", 1, 1, at),
                quotaAlert(LicenseType.PER_DEVICE, 80, "daily-1", 1, 1, at),
                quotaAlert(LicenseType.PER_DEVICE, 100, "daily-1", 1, 1, at),
                hardStop(LicenseType.PER_DEVICE, "daily-1", 1, 1, at));
    }
}
