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
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import io.licenseledger.events.project.DeviceUnregistered;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

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
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.ledgerException;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static io.licenseledger.command.project.ProjectFixtures.refused;
import static io.licenseledger.command.project.ProjectFixtures.refusedFor;
import static io.licenseledger.command.project.ProjectFixtures.reportUsage;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;

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

    @Test
    void activeProjectIsSuspended() {
        fixture.given(created(), attached(SEATS))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.SUSPENDED, "unpaid invoice", NOW))
                .expectEvents(new ProjectStatusChanged(PROJECT, LicenseStatus.SUSPENDED, "unpaid invoice", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void suspendingASuspendedProjectAgainChangesNothingAndAnswersFalse() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.SUSPENDED))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.SUSPENDED, "again", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void reinstatingAnActiveProjectChangesNothingAndAnswersFalse() {
        fixture.given(created(), attached(SEATS))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.ACTIVE, "", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void suspendedProjectIsReinstated() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.SUSPENDED))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.ACTIVE, "paid", NOW))
                .expectEvents(new ProjectStatusChanged(PROJECT, LicenseStatus.ACTIVE, "paid", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void activeProjectIsRevoked() {
        fixture.given(created(), attached(SEATS))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.REVOKED, "contract ended", NOW))
                .expectEvents(new ProjectStatusChanged(PROJECT, LicenseStatus.REVOKED, "contract ended", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void suspendedProjectIsRevoked() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.SUSPENDED))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.REVOKED, "", NOW))
                .expectEvents(new ProjectStatusChanged(PROJECT, LicenseStatus.REVOKED, "", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void revokedProjectCannotBeReinstated() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.REVOKED))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.ACTIVE, "", NOW))
                .expectNoEvents()
                .expectException(ledgerException(ErrorCode.INVALID_TRANSITION, PROJECT.value()));
    }

    @Test
    void revokedProjectCannotBeSuspended() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.REVOKED))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.SUSPENDED, "", NOW))
                .expectNoEvents()
                .expectException(ledgerException(ErrorCode.INVALID_TRANSITION, PROJECT.value()));
    }

    @Test
    void revokingARevokedProjectAgainChangesNothingAndAnswersFalse() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.REVOKED))
                .when(new ChangeProjectStatus(PROJECT, LicenseStatus.REVOKED, "", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    // ---- Devices of a suspended or revoked project ----

    @Test
    void newDeviceOfASuspendedProjectIsRefusedAsSuspended() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.SUSPENDED))
                .when(authorize("dev-new", LATER))
                .expectEvents(refused("dev-new", ErrorCode.LICENSE_SUSPENDED, LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_SUSPENDED));
    }

    @Test
    void registeredDeviceOfASuspendedProjectIsRefusedAsSuspended() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        projectIs(LicenseStatus.SUSPENDED))
                .when(authorize("dev-1", LATER))
                .expectEvents(refused("dev-1", ErrorCode.LICENSE_SUSPENDED, LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_SUSPENDED));
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
                .expectEvents(refused("dev-1", ErrorCode.LICENSE_REVOKED, LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_REVOKED));
    }

    @Test
    void usageReportedToASuspendedProjectIsRecordedAndTellsTheDeviceToStop() {
        ReportUsage report = reportUsage("dev-1", "batch-1", 5, LATER);

        fixture.given(created(), attached(UNITS), projectIs(LicenseStatus.SUSPENDED))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, new DeviceId("dev-1"), new BatchId("batch-1"),
                        report.fingerprint(), List.of(new UsageAllocation(LATER, 5, null, UNITS.itemId())), 5,
                        UsageState.EXHAUSTED, 0L, LATER, null))
                .expectResultMessagePayload(new UsageAnswer(new BatchId("batch-1"), false, UsageState.EXHAUSTED,
                        5, 0L));
    }

    @Test
    void usageReportedToARevokedProjectWithoutUsageItemsIsRecordedAndTellsTheDeviceToStop() {
        fixture.given(created(), attached(SEATS), projectIs(LicenseStatus.REVOKED))
                .when(reportUsage("dev-1", "batch-1", 5, LATER))
                .expectResultMessagePayload(new UsageAnswer(new BatchId("batch-1"), false, UsageState.EXHAUSTED,
                        5, 0L));
    }

    // ---- One item's status ----

    @Test
    void attachedItemIsSuspended() {
        fixture.given(created(), attached(SEATS))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.SUSPENDED, "audit", NOW))
                .expectEvents(new ItemStatusChanged(PROJECT, SEATS.itemId(), LicenseStatus.SUSPENDED, "audit", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void suspendingASuspendedItemAgainChangesNothingAndAnswersFalse() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.SUSPENDED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.SUSPENDED, "", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void suspendedItemIsReinstated() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.SUSPENDED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.ACTIVE, "", NOW))
                .expectEvents(new ItemStatusChanged(PROJECT, SEATS.itemId(), LicenseStatus.ACTIVE, "", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void suspendedItemIsRevoked() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.SUSPENDED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.REVOKED, "refund", NOW))
                .expectEvents(new ItemStatusChanged(PROJECT, SEATS.itemId(), LicenseStatus.REVOKED, "refund", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void revokedItemCannotBeReinstatedOrSuspended() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.REVOKED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.ACTIVE, "", NOW))
                .expectNoEvents()
                .expectException(ledgerException(ErrorCode.INVALID_TRANSITION, SEATS.itemId().value()));
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.REVOKED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.SUSPENDED, "", NOW))
                .expectNoEvents()
                .expectException(ledgerException(ErrorCode.INVALID_TRANSITION, SEATS.itemId().value()));
    }

    @Test
    void revokingARevokedItemAgainChangesNothingAndAnswersFalse() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.REVOKED))
                .when(new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.REVOKED, "", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void changingTheStatusOfAnItemNotAttachedHereIsRefusedAsNotFound() {
        fixture.given(created(), attached(SEATS))
                .when(new ChangeItemStatus(PROJECT, new ItemId("elsewhere"), LicenseStatus.SUSPENDED, "", NOW))
                .expectNoEvents()
                .expectException(ledgerException(ErrorCode.ITEM_NOT_FOUND, "elsewhere"));
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
                .expectEvents(refused("dev-new", ErrorCode.LICENSE_SUSPENDED, LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_SUSPENDED));
    }

    @Test
    void newDeviceIsRefusedAsRevokedWhenTheOnlyValidItemIsRevoked() {
        fixture.given(created(), attached(SEATS), itemIs(SEATS, LicenseStatus.REVOKED))
                .when(authorize("dev-new", LATER))
                .expectEvents(refused("dev-new", ErrorCode.LICENSE_REVOKED, LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_REVOKED));
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
                .expectEvents(refused("dev-1", ErrorCode.LICENSE_SUSPENDED, LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_SUSPENDED));
    }

    @Test
    void registeredDeviceOfARevokedItemIsRefusedAsRevoked() {
        fixture.given(created(), attached(SEATS),
                        granted("dev-1", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        itemIs(SEATS, LicenseStatus.REVOKED))
                .when(authorize("dev-1", LATER))
                .expectEvents(refused("dev-1", ErrorCode.LICENSE_REVOKED, LATER))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_REVOKED));
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
        LicenseItem daily = perDevice("daily", 1, "NONE", ActiveWindow.P1D, TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));
        LicenseItem other = perDevice("other", 1, "NONE", ActiveWindow.P1D, TERM_START, TERM_END);

        fixture.given(created(), attached(daily), attached(other),
                        granted("dev-1", daily, true, false, NOW, NOW_PLUS_1_DAY, NOW_PLUS_7_DAYS),
                        itemIs(daily, LicenseStatus.SUSPENDED))
                .when(authorize("dev-1", BACK))
                .expectEvents(unregistered("dev-1", daily, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, BACK),
                        granted("dev-1", other, true, false, BACK, BACK_PLUS_1_DAY, BACK_PLUS_7_DAYS),
                        quotaAlert(LicenseType.PER_DEVICE, 60, "other", 1, 1, BACK),
                        quotaAlert(LicenseType.PER_DEVICE, 80, "other", 1, 1, BACK),
                        quotaAlert(LicenseType.PER_DEVICE, 100, "other", 1, 1, BACK),
                        hardStop(LicenseType.PER_DEVICE, "other", 1, 1, BACK));
    }

    @Test
    void deviceWhoseLapsedRegistrationOnASuspendedItemWasSweptIsServedByAnotherItem() {
        LicenseItem daily = perDevice("daily", 1, "NONE", ActiveWindow.P1D, TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));
        LicenseItem other = perDevice("other", 1, "NONE", ActiveWindow.P1D, TERM_START, TERM_END);

        fixture.given(created(), attached(daily), attached(other),
                        granted("dev-1", daily, true, false, NOW, NOW_PLUS_1_DAY, NOW_PLUS_7_DAYS),
                        itemIs(daily, LicenseStatus.SUSPENDED), unregistered("dev-1", daily,
                                UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW_PLUS_1_DAY))
                .when(authorize("dev-1", BACK))
                .expectEvents(granted("dev-1", other, true, false, BACK, BACK_PLUS_1_DAY, BACK_PLUS_7_DAYS),
                        quotaAlert(LicenseType.PER_DEVICE, 60, "other", 1, 1, BACK),
                        quotaAlert(LicenseType.PER_DEVICE, 80, "other", 1, 1, BACK),
                        quotaAlert(LicenseType.PER_DEVICE, 100, "other", 1, 1, BACK),
                        hardStop(LicenseType.PER_DEVICE, "other", 1, 1, BACK));
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

    private static ProjectStatusChanged projectIs(LicenseStatus status) {
        return new ProjectStatusChanged(PROJECT, status, "", EARLIER);
    }

    private static ItemStatusChanged itemIs(LicenseItem item, LicenseStatus status) {
        return new ItemStatusChanged(PROJECT, item.itemId(), status, "", EARLIER);
    }
}
