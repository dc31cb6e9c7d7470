package io.licenseledger.command.lifecycle;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.lifecycle.ChangeItemStatus;
import io.licenseledger.command.lifecycle.ChangeProjectStatus;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.command.usage.UsageAnswer;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageState;
import io.licenseledger.events.project.DeviceUnregistered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.authorizeApp;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.createdForApps;
import static io.licenseledger.command.project.ProjectFixtures.filledWithoutOverage;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.refused;
import static io.licenseledger.command.project.ProjectFixtures.recorded;
import static io.licenseledger.command.project.ProjectFixtures.refusedFor;
import static io.licenseledger.command.project.ProjectFixtures.reportUsage;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** An admin suspends, reinstates and revokes a project or one of its items (L7); revoked is final. */
class SuspensionTest {

    /** An hour after NOW, when devices come back to a project or item whose status changed. */
    private static final Instant LATER = Instant.parse("2026-03-01T13:00:00Z");
    private static final Instant LATER_PLUS_7_DAYS = Instant.parse("2026-03-08T13:00:00Z");
    private static final Instant LATER_PLUS_30_DAYS = Instant.parse("2026-03-31T13:00:00Z");
    /** A device active at NOW on an item of a 1-day active window is registered until here. */
    private static final Instant NOW_PLUS_1_DAY = Instant.parse("2026-03-02T12:00:00Z");
    /** Two days after NOW, when such a device is back. */
    private static final Instant BACK = Instant.parse("2026-03-03T12:00:00Z");
    private static final Instant BACK_PLUS_1_DAY = Instant.parse("2026-03-04T12:00:00Z");
    private static final Instant BACK_PLUS_7_DAYS = Instant.parse("2026-03-10T12:00:00Z");
    /** Seats held for a 30-day active window, leased for a 7-day offline window (TestItems). */
    private static final LicenseItem SEATS = perDevice("seats", 5, "NONE", TERM_START, TERM_END);
    private static final LicenseItem UNITS = perUsage("units", 1000, "PERCENT(10)", TERM_START, TERM_END);
    /** One seat each, held for a 1-day active window; DAILY ends before OTHER_DAILY so serves first. */
    private static final LicenseItem DAILY = perDevice("daily", 1, "NONE", ActiveWindow.P1D, TERM_START,
            Instant.parse("2026-06-01T00:00:00Z"));
    private static final LicenseItem OTHER_DAILY = perDevice("other", 1, "NONE", ActiveWindow.P1D, TERM_START,
            TERM_END);

    private final ProjectScenario fixture = new ProjectScenario();

    // ---- The project's status ----

    @Test
    void revokingAnItemFreesTheSeatsOfItsDevicesSoTheyCanMoveToAnotherItem() {
        LicenseItem otherSeats = perDevice("other-seats", 5, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(SEATS), attached(otherSeats),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.REVOKED, "refunded", NOW))
                .expectEvents(new ItemStatusChanged(PROJECT, SEATS.itemId(), LicenseStatus.REVOKED, "refunded", NOW),
                        new DeviceUnregistered(PROJECT, new DeviceId("dev-1"), SEATS.itemId(),
                                UnregistrationReason.ITEM_REVOKED, NOW));
    }

    static Stream<Arguments> projectStatusChanges() {
        return Stream.of(
                arguments(named("an active project is suspended", LicenseStatus.ACTIVE), LicenseStatus.SUSPENDED,
                        "unpaid invoice"),
                arguments(named("a suspended project is reinstated", LicenseStatus.SUSPENDED), LicenseStatus.ACTIVE,
                        "paid"),
                arguments(named("an active project is revoked", LicenseStatus.ACTIVE), LicenseStatus.REVOKED,
                        "contract ended"),
                arguments(named("a suspended project is revoked", LicenseStatus.SUSPENDED), LicenseStatus.REVOKED,
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectStatusChanges")
    void projectStatusChangeIsRecordedAndAnswersTrue(LicenseStatus from, LicenseStatus to, String reason) {
        fixture.given(projectWhichIs(from))
                .when(new ChangeProjectStatus(PROJECT, to, reason, NOW))
                .expectChanged(new ProjectStatusChanged(PROJECT, to, reason, NOW));
    }

    @ParameterizedTest(name = "setting a {0} project {0} again changes nothing and answers false")
    @CsvSource({"SUSPENDED, again", "ACTIVE, ''", "REVOKED, ''"})
    void projectStatusSetAgainChangesNothingAndAnswersFalse(LicenseStatus status, String reason) {
        fixture.given(projectWhichIs(status))
                .when(new ChangeProjectStatus(PROJECT, status, reason, NOW))
                .expectUnchanged();
    }

    @ParameterizedTest(name = "a revoked project cannot become {0}")
    @EnumSource(value = LicenseStatus.class, names = {"ACTIVE", "SUSPENDED"})
    void revokedProjectCannotBeReinstatedOrSuspended(LicenseStatus to) {
        fixture.given(projectWhichIs(LicenseStatus.REVOKED))
                .when(new ChangeProjectStatus(PROJECT, to, "", NOW))
                .expectRefusedRecordingNothing(ErrorCode.INVALID_TRANSITION, PROJECT.value());
    }

    // ---- Devices of a suspended or revoked project ----

    @Test
    void newDeviceOfASuspendedProjectIsRefusedAsSuspended() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.SUSPENDED))
                .when(authorize("dev-new", LATER))
                .expectRefused(refused("dev-new", ErrorCode.LICENSE_SUSPENDED, LATER));
    }

    @Test
    void registeredDeviceOfASuspendedProjectIsRefusedAsSuspended() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        projectIs(LicenseStatus.SUSPENDED))
                .when(authorize("dev-1", LATER))
                .expectRefused(refused("dev-1", ErrorCode.LICENSE_SUSPENDED, LATER));
    }

    @Test
    void suspensionIsToldBeforeTheAppRestriction() {
        fixture.given(createdForApps("com.acme.scanner"), attached(SEATS), projectIs(LicenseStatus.SUSPENDED))
                .when(authorizeApp("dev-1", "com.rival.app", LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_SUSPENDED));
    }

    @Test
    void registeredDeviceOfAReinstatedProjectIsReauthorizedOnItsSeat() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        projectIs(LicenseStatus.SUSPENDED), projectIs(LicenseStatus.ACTIVE))
                .when(authorize("dev-1", LATER))
                .expectEvents(granted("dev-1", SEATS, false, false, LATER, LATER_PLUS_30_DAYS, LATER_PLUS_7_DAYS));
    }

    @Test
    void deviceOfARevokedProjectIsRefusedAsRevoked() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        projectIs(LicenseStatus.SUSPENDED), projectIs(LicenseStatus.REVOKED))
                .when(authorize("dev-1", LATER))
                .expectRefused(refused("dev-1", ErrorCode.LICENSE_REVOKED, LATER));
    }

    @Test
    void usageReportedToASuspendedProjectIsRecordedAndTellsTheDeviceToStop() {
        ReportUsage report = reportUsage("dev-1", "batch-1", 5, LATER);

        fixture.given(created(), attached(UNITS), projectIs(LicenseStatus.SUSPENDED))
                .when(report)
                .expectRecorded(recorded(report, 5, UsageState.EXHAUSTED, 0L, null,
                        new UsageAllocation(LATER, 5, null, UNITS.itemId())));
    }

    @Test
    void usageReportedToARevokedProjectWithoutUsageItemsIsRecordedAndTellsTheDeviceToStop() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.REVOKED))
                .when(reportUsage("dev-1", "batch-1", 5, LATER))
                .expectResultMessagePayload(new UsageAnswer(new BatchId("batch-1"), false, UsageState.EXHAUSTED,
                        5, 0L));
    }

    // ---- One item's status ----

    static Stream<Arguments> itemStatusChanges() {
        return Stream.of(
                arguments(named("an attached item is suspended", LicenseStatus.ACTIVE), LicenseStatus.SUSPENDED,
                        "audit"),
                arguments(named("a suspended item is reinstated", LicenseStatus.SUSPENDED), LicenseStatus.ACTIVE, ""),
                arguments(named("a suspended item is revoked", LicenseStatus.SUSPENDED), LicenseStatus.REVOKED,
                        "refund"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itemStatusChanges")
    void itemStatusChangeIsRecordedAndAnswersTrue(LicenseStatus from, LicenseStatus to, String reason) {
        fixture.given(seatsWhichAre(from))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), to, reason, NOW))
                .expectChanged(new ItemStatusChanged(PROJECT, SEATS.itemId(), to, reason, NOW));
    }

    @ParameterizedTest(name = "setting a {0} item {0} again changes nothing and answers false")
    @EnumSource(value = LicenseStatus.class, names = {"SUSPENDED", "REVOKED"})
    void itemStatusSetAgainChangesNothingAndAnswersFalse(LicenseStatus status) {
        fixture.given(seatsWhichAre(status))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), status, "", NOW))
                .expectUnchanged();
    }

    @ParameterizedTest(name = "a revoked item cannot become {0}")
    @EnumSource(value = LicenseStatus.class, names = {"ACTIVE", "SUSPENDED"})
    void revokedItemCannotBeReinstatedOrSuspended(LicenseStatus to) {
        fixture.given(seatsWhichAre(LicenseStatus.REVOKED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), to, "", NOW))
                .expectRefusedRecordingNothing(ErrorCode.INVALID_TRANSITION, SEATS.itemId().value());
    }

    @Test
    void changingTheStatusOfAnItemNotAttachedHereIsRefusedAsNotFound() {
        fixture.given(created(), attached(SEATS))
                .when(new ChangeItemStatus(PROJECT, new ItemId("elsewhere"), LicenseStatus.SUSPENDED, "", NOW))
                .expectRefusedRecordingNothing(ErrorCode.ITEM_NOT_FOUND, "elsewhere");
    }

    @Test
    void itemOfARevokedProjectCanStillBeSuspended() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.REVOKED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.SUSPENDED, "", NOW))
                .expectEvents(new ItemStatusChanged(PROJECT, SEATS.itemId(), LicenseStatus.SUSPENDED, "", NOW));
    }

    // ---- Devices of a suspended or revoked item ----

    @Test
    void newDeviceIsRefusedAsSuspendedWhenTheOnlyValidItemIsSuspended() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.SUSPENDED))
                .when(authorize("dev-new", LATER))
                .expectRefused(refused("dev-new", ErrorCode.LICENSE_SUSPENDED, LATER));
    }

    @Test
    void newDeviceIsRefusedAsRevokedWhenTheOnlyValidItemIsRevoked() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.REVOKED))
                .when(authorize("dev-new", LATER))
                .expectRefused(refused("dev-new", ErrorCode.LICENSE_REVOKED, LATER));
    }

    @Test
    void suspensionIsToldWhenOneValidItemIsSuspendedAndAnotherRevoked() {
        fixture.given(created(), attached(SEATS), attached(UNITS), itemIs(SEATS, LicenseStatus.REVOKED),
                        itemIs(UNITS, LicenseStatus.SUSPENDED))
                .when(authorize("dev-new", LATER))
                .expectEvents(refused("dev-new", ErrorCode.LICENSE_SUSPENDED, LATER));
    }

    @Test
    void registeredDeviceOfASuspendedItemIsRefusedAsSuspendedEvenWhenAnotherItemHasRoom() {
        LicenseItem other = perDevice("other", 5, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(SEATS), attached(other),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        itemIs(SEATS, LicenseStatus.SUSPENDED))
                .when(authorize("dev-1", LATER))
                .expectRefused(refused("dev-1", ErrorCode.LICENSE_SUSPENDED, LATER));
    }

    @Test
    void registeredDeviceOfARevokedItemIsRefusedAsRevoked() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        itemIs(SEATS, LicenseStatus.REVOKED))
                .when(authorize("dev-1", LATER))
                .expectRefused(refused("dev-1", ErrorCode.LICENSE_REVOKED, LATER));
    }

    @Test
    void registeredDeviceOfAReinstatedItemIsReauthorizedOnItsSeat() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        itemIs(SEATS, LicenseStatus.SUSPENDED), itemIs(SEATS, LicenseStatus.ACTIVE))
                .when(authorize("dev-1", LATER))
                .expectEvents(granted("dev-1", SEATS, false, false, LATER, LATER_PLUS_30_DAYS, LATER_PLUS_7_DAYS));
    }

    @Test
    void suspendedItemsSeatsDoNotCountForNewDevices() {
        LicenseItem endsSoonSuspended = perDevice("ends-soon", 5, "NONE", TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));
        LicenseItem oneSeat = perDevice("one-seat", 1, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(endsSoonSuspended), attached(oneSeat),
                        itemIs(endsSoonSuspended, LicenseStatus.SUSPENDED),
                        granted("dev-1", oneSeat, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS))
                .when(authorize("dev-2", LATER))
                .expectEvents(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, LATER));
    }

    /**
     * Regression: the item's status was checked before the registration's end, so a device whose registration had
     * lapsed stayed bound to its suspended item until the sweeper came by; with the sweeper first it was served.
     */
    @Test
    void deviceWhoseRegistrationOnASuspendedItemLapsedIsServedByAnotherItem() {
        fixture.given(created(), attached(DAILY), attached(OTHER_DAILY),
                        granted("dev-1", DAILY, true, false, NOW, NOW_PLUS_1_DAY, NOW_PLUS_7_DAYS),
                        itemIs(DAILY, LicenseStatus.SUSPENDED))
                .when(authorize("dev-1", BACK))
                .expectEvents(unregistered("dev-1", DAILY, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, BACK),
                        granted("dev-1", OTHER_DAILY, true, false, BACK, BACK_PLUS_1_DAY, BACK_PLUS_7_DAYS),
                        filledWithoutOverage(LicenseType.PER_DEVICE, "other", 1, 1, BACK));
    }

    @Test
    void deviceWhoseLapsedRegistrationOnASuspendedItemWasSweptIsServedByAnotherItem() {
        fixture.given(created(), attached(DAILY), attached(OTHER_DAILY),
                        granted("dev-1", DAILY, true, false, NOW, NOW_PLUS_1_DAY, NOW_PLUS_7_DAYS),
                        itemIs(DAILY, LicenseStatus.SUSPENDED), unregistered("dev-1", DAILY,
                                UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW_PLUS_1_DAY))
                .when(authorize("dev-1", BACK))
                .expectEvents(granted("dev-1", OTHER_DAILY, true, false, BACK, BACK_PLUS_1_DAY, BACK_PLUS_7_DAYS),
                        filledWithoutOverage(LicenseType.PER_DEVICE, "other", 1, 1, BACK));
    }

    @Test
    void usageStandingLeavesOutASuspendedUsageItem() {
        LicenseItem suspendedUnits = perUsage("suspended-units", 5000, "NONE", TERM_START, TERM_END);
        ReportUsage report = reportUsage("dev-1", "batch-1", 100, LATER);

        fixture.given(created(), attached(UNITS), attached(suspendedUnits),
                        itemIs(suspendedUnits, LicenseStatus.SUSPENDED))
                .when(report)
                .expectResultMessagePayload(new UsageAnswer(new BatchId("batch-1"), false, UsageState.OK, 100,
                        1000L));
    }

    @Test
    void usageReportedWhenTheOnlyUsageItemIsSuspendedTellsTheDeviceToStop() {
        fixture.given(created(), attached(UNITS), itemIs(UNITS, LicenseStatus.SUSPENDED))
                .when(reportUsage("dev-1", "batch-1", 5, LATER))
                .expectResultMessagePayload(new UsageAnswer(new BatchId("batch-1"), false, UsageState.EXHAUSTED,
                        5, 0L));
    }

    @Test
    void deviceOfASuspendedUsageItemIsServedByTheProjectsOtherUsageItem() {
        LicenseItem endsSoon = perUsage("ends-soon", 1000, "NONE", TERM_START, Instant.parse("2026-06-01T00:00:00Z"));

        fixture.given(created(), attached(endsSoon), attached(UNITS),
                        granted("dev-1", endsSoon, true, false, EARLIER, EARLIER_PLUS_7_DAYS, EARLIER_PLUS_7_DAYS),
                        itemIs(endsSoon, LicenseStatus.SUSPENDED))
                .when(authorize("dev-1", LATER))
                .expectEvents(granted("dev-1", UNITS, true, false, LATER, LATER_PLUS_7_DAYS, LATER_PLUS_7_DAYS));
    }

    /** A project with SEATS attached, in {@code status} since EARLIER unless active. */
    private static List<Object> projectWhichIs(LicenseStatus status) {
        return status == LicenseStatus.ACTIVE ? List.of(created(), attached(SEATS))
                : List.of(created(), attached(SEATS), projectIs(status));
    }

    /** A project whose one item, SEATS, is in {@code status} since EARLIER unless active. */
    private static List<Object> seatsWhichAre(LicenseStatus status) {
        return status == LicenseStatus.ACTIVE ? List.of(created(), attached(SEATS))
                : List.of(created(), attached(SEATS), itemIs(SEATS, status));
    }

    private static ProjectStatusChanged projectIs(LicenseStatus status) {
        return new ProjectStatusChanged(PROJECT, status, "", EARLIER);
    }

    private static ItemStatusChanged itemIs(LicenseItem item, LicenseStatus status) {
        return new ItemStatusChanged(PROJECT, item.itemId(), status, "", EARLIER);
    }
}
