package io.licenseledger.command.usage;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.command.usage.UsageAnswer;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Feature;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.licenseledger.command.Satisfying.satisfying;
import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.TestItems.renewing;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.overageEntered;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ReportUsageTest {

    private static final DeviceId DEVICE = new DeviceId("dev-1");
    private static final BatchId BATCH = new BatchId("batch-1");
    private static final Feature SCAN = new Feature("scan");
    /** 1000 units, 10 % overage: the hard stop is at 1100. */
    private static final LicenseItem UNITS = perUsage("units-1000", 1000, "PERCENT(10)", TERM_START, TERM_END);

    private ProjectScenario fixture;
    private UsageBatches batches;

    @BeforeEach
    void setUp() {
        batches = mock(UsageBatches.class);
        when(batches.find(PROJECT, DEVICE, BATCH)).thenReturn(Optional.empty());
        fixture = new ProjectScenario(batches);
    }

    @Test
    void firstBatchIsRecordedAtTheEntriesOwnTimesAgainstTheValidItem() {
        Instant twoHoursAgo = NOW.minus(Duration.ofHours(2));
        Instant oneHourAgo = NOW.minus(Duration.ofHours(1));
        ReportUsage report = report(entry(twoHoursAgo, 300, SCAN), entry(oneHourAgo, 200, null));

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(twoHoursAgo, 300, SCAN, UNITS.itemId()),
                        new UsageAllocation(oneHourAgo, 200, null, UNITS.itemId())),
                        500, UsageState.OK, 600L, NOW, null))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OK, 500, 600L));
    }

    @Test
    void usagePastQuotaButInsideTheAllowanceIsInOverage() {
        ReportUsage report = report(entry(NOW, 150, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 900),
                        quotaAlert(LicenseType.PER_USAGE, 60, "units-1000", 900, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 80, "units-1000", 900, 1000, EARLIER))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 100, null, UNITS.itemId()),
                        new UsageAllocation(NOW, 50, null, UNITS.itemId())),
                        150, UsageState.OVERAGE, 50L, NOW, null),
                        quotaAlert(LicenseType.PER_USAGE, 100, "units-1000", 1050, 1000, NOW),
                        overageEntered(LicenseType.PER_USAGE, "units-1000", 1050, 1000, NOW))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OVERAGE, 150, 50L));
    }

    @Test
    void usagePastTheAllowanceIsStillRecordedAndTheProjectIsExhausted() {
        ReportUsage report = report(entry(NOW, 100, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 1050),
                        quotaAlert(LicenseType.PER_USAGE, 60, "units-1000", 1050, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 80, "units-1000", 1050, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 100, "units-1000", 1050, 1000, EARLIER),
                        overageEntered(LicenseType.PER_USAGE, "units-1000", 1050, 1000, EARLIER))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 100, null, UNITS.itemId())),
                        100, UsageState.EXHAUSTED, 0L, NOW, null),
                        hardStop(LicenseType.PER_USAGE, "units-1000", 1150, 1100, NOW))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.EXHAUSTED, 100, 0L));
    }

    @Test
    void usageReachingTheHardStopExactlyIsExhausted() {
        ReportUsage report = report(entry(NOW, 100, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 1000))
                .when(report)
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.EXHAUSTED, 100, 0L));
    }

    @Test
    void usageOnAnExhaustedProjectIsRecordedAgainWithoutRaisingItsAlertsAgain() {
        ReportUsage report = report(entry(NOW, 7, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 5000),
                        quotaAlert(LicenseType.PER_USAGE, 60, "units-1000", 5000, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 80, "units-1000", 5000, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 100, "units-1000", 5000, 1000, EARLIER),
                        overageEntered(LicenseType.PER_USAGE, "units-1000", 5000, 1000, EARLIER),
                        hardStop(LicenseType.PER_USAGE, "units-1000", 5000, 1100, EARLIER))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 7, null, UNITS.itemId())),
                        7, UsageState.EXHAUSTED, 0L, NOW, null));
    }

    @Test
    void entryDatedBeforeARenewalStartsCountsOnTheRenewedItem() {
        Instant renewalStart = Instant.parse("2026-03-01T00:00:00Z");
        LicenseItem old = perUsage("old", 1000, "PERCENT(10)", Instant.parse("2025-03-01T00:00:00Z"), renewalStart);
        LicenseItem renewal = renewing(perUsage("renewal", 1000, "PERCENT(10)", renewalStart,
                Instant.parse("2027-03-01T00:00:00Z")), "old");
        Instant beforeRenewal = renewalStart.minus(Duration.ofHours(1));
        Instant afterRenewal = renewalStart.plus(Duration.ofMinutes(30));
        Instant serverTime = renewalStart.plus(Duration.ofHours(1));
        ReportUsage report = new ReportUsage(PROJECT, DEVICE, BATCH,
                List.of(entry(beforeRenewal, 100, null), entry(afterRenewal, 50, null)), serverTime);

        fixture.given(created(), attached(old), attached(renewal), used(old, 990))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(beforeRenewal, 10, null, old.itemId()),
                        new UsageAllocation(beforeRenewal, 90, null, old.itemId()),
                        new UsageAllocation(afterRenewal, 50, null, renewal.itemId())),
                        150, UsageState.OK, 1050L, serverTime, null))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OK, 150, 1050L));
    }

    @Test
    void entrySplitsOverTwoValidItemsSoonestEndingFirst() {
        LicenseItem endsSoon = perUsage("ends-soon", 100, "PERCENT(10)", TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));
        LicenseItem endsLate = perUsage("ends-late", 1000, "PERCENT(10)", TERM_START, TERM_END);
        ReportUsage report = report(entry(NOW, 150, SCAN));

        fixture.given(created(), attached(endsLate), attached(endsSoon))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 100, SCAN, endsSoon.itemId()),
                        new UsageAllocation(NOW, 50, SCAN, endsLate.itemId())),
                        150, UsageState.OK, 1060L, NOW, null))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OK, 150, 1060L));
    }

    @Test
    void usageBeyondEveryItemsQuotaOverflowsOnTheSoonestEndingItem() {
        LicenseItem endsSoon = perUsage("ends-soon", 100, "PERCENT(10)", TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));
        LicenseItem endsLate = perUsage("ends-late", 100, "PERCENT(10)", TERM_START, TERM_END);
        ReportUsage report = report(entry(NOW, 210, null));

        fixture.given(created(), attached(endsLate), attached(endsSoon))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 100, null, endsSoon.itemId()),
                        new UsageAllocation(NOW, 100, null, endsLate.itemId()),
                        new UsageAllocation(NOW, 10, null, endsSoon.itemId())),
                        210, UsageState.OVERAGE, 10L, NOW, null),
                        quotaAlert(LicenseType.PER_USAGE, 60, "ends-late+ends-soon", 210, 200, NOW),
                        quotaAlert(LicenseType.PER_USAGE, 80, "ends-late+ends-soon", 210, 200, NOW),
                        quotaAlert(LicenseType.PER_USAGE, 100, "ends-late+ends-soon", 210, 200, NOW),
                        overageEntered(LicenseType.PER_USAGE, "ends-late+ends-soon", 210, 200, NOW));
    }

    @Test
    void entryWithNoValidUsageItemIsRecordedWithoutAnItem() {
        LicenseItem seats = perDevice("seats", 5, "NONE", TERM_START, TERM_END);
        Instant beforeAnyTerm = TERM_START.minus(Duration.ofHours(12));
        ReportUsage report = report(entry(beforeAnyTerm, 40, SCAN));

        fixture.given(created(), attached(seats), attached(UNITS))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(beforeAnyTerm, 40, SCAN, null)),
                        40, UsageState.OK, 1100L, NOW, null))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OK, 40, 1100L));
    }

    @Test
    void projectWithoutUsageItemsRecordsUsageWithNothingRemainingToCount() {
        LicenseItem seats = perDevice("seats", 5, "NONE", TERM_START, TERM_END);
        ReportUsage report = report(entry(NOW, 40, null));

        fixture.given(created(), attached(seats))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 40, null, null)),
                        40, UsageState.OK, null, NOW, null))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OK, 40, null));
    }

    @Test
    void unlimitedOverageNeverExhaustsAndLeavesNoRemainingCount() {
        LicenseItem unlimited = perUsage("unlimited", 10, "UNLIMITED", TERM_START, TERM_END);
        ReportUsage report = report(entry(NOW, 1_000_000, null));

        fixture.given(created(), attached(unlimited))
                .when(report)
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OVERAGE, 1_000_000, null));
    }

    @Test
    void repeatedBatchRecordsNothingAndGetsTheFirstAnswerAgain() {
        ReportUsage report = report(entry(NOW, 5, null));
        UsageAnswer firstAnswer = new UsageAnswer(BATCH, true, UsageState.OVERAGE, 5, 42L);
        when(batches.find(PROJECT, DEVICE, BATCH))
                .thenReturn(Optional.of(new UsageBatches.RecordedBatch(report.fingerprint(), firstAnswer)));

        fixture.given(created(), attached(UNITS), used(UNITS, 5))
                .when(report)
                .expectNoEvents()
                .expectResultMessagePayload(firstAnswer);
    }

    @Test
    void repeatedBatchSentLaterIsStillTheSameBatch() {
        ReportUsage first = report(entry(NOW, 5, null));
        ReportUsage repeat = new ReportUsage(PROJECT, DEVICE, BATCH, first.entries(), NOW.plus(Duration.ofHours(3)));
        UsageAnswer firstAnswer = new UsageAnswer(BATCH, true, UsageState.OK, 5, 1095L);
        when(batches.find(PROJECT, DEVICE, BATCH))
                .thenReturn(Optional.of(new UsageBatches.RecordedBatch(first.fingerprint(), firstAnswer)));

        fixture.given(created(), attached(UNITS), used(UNITS, 5))
                .when(repeat)
                .expectNoEvents()
                .expectResultMessagePayload(firstAnswer);
    }

    @Test
    void differentEntriesUnderAUsedBatchIdAreRefusedAsABatchConflict() {
        ReportUsage first = report(entry(NOW, 5, null));
        when(batches.find(PROJECT, DEVICE, BATCH)).thenReturn(Optional.of(new UsageBatches.RecordedBatch(
                first.fingerprint(), new UsageAnswer(BATCH, true, UsageState.OK, 5, 1095L))));

        fixture.given(created(), attached(UNITS), used(UNITS, 5))
                .when(report(entry(NOW, 6, null)))
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.BATCH_CONFLICT);
                    assertThat(refusal.getMessage()).contains(BATCH.value());
                }));
    }

    @Test
    void entryMoreThanFiveMinutesAheadOfTheServerIsRefusedAsClockSkewAndNothingIsRecorded() {
        fixture.given(created(), attached(UNITS))
                .when(report(entry(NOW, 1, null), entry(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), 1, null)))
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.CLOCK_SKEW);
                    assertThat(refusal.getMessage()).contains("entries[1].at");
                }));
    }

    @Test
    void entryExactlyFiveMinutesAheadOfTheServerIsAccepted() {
        Instant fiveMinutesAhead = NOW.plus(Duration.ofMinutes(5));
        ReportUsage report = report(entry(fiveMinutesAhead, 1, null));

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(fiveMinutesAhead, 1, null, UNITS.itemId())),
                        1, UsageState.OK, 1099L, NOW, null));
    }

    @Test
    void usageRefreshesTheRegistrationOfAPerDeviceDevice() {
        LicenseItem seats = perDevice("seats", 5, "NONE", TERM_START, TERM_END);
        ReportUsage report = report(entry(NOW, 3, null));
        Instant twentyDaysAgo = Instant.parse("2026-02-09T12:00:00Z");

        fixture.given(created(), attached(seats), attached(UNITS),
                        granted(DEVICE.value(), seats, true, false, twentyDaysAgo,
                                Instant.parse("2026-03-11T12:00:00Z"), Instant.parse("2026-02-16T12:00:00Z")))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 3, null, UNITS.itemId())),
                        3, UsageState.OK, 1097L, NOW, NOW_PLUS_30_DAYS));
    }

    @Test
    void refreshedRegistrationStopsAtTheItemsEnd() {
        Instant itemEnd = NOW.plus(Duration.ofDays(3));
        LicenseItem seats = perDevice("seats", 5, "NONE", TERM_START, itemEnd);
        ReportUsage report = report(entry(NOW, 3, null));

        fixture.given(created(), attached(seats),
                        granted(DEVICE.value(), seats, true, false, EARLIER, itemEnd, itemEnd))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 3, null, null)),
                        3, UsageState.OK, null, NOW, itemEnd));
    }

    @Test
    void usageFromADeviceOnAUsageItemRefreshesNoRegistration() {
        ReportUsage report = report(entry(NOW, 3, null));

        fixture.given(created(), attached(UNITS),
                        granted(DEVICE.value(), UNITS, true, false, EARLIER, EARLIER_PLUS_7_DAYS, EARLIER_PLUS_7_DAYS))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 3, null, UNITS.itemId())),
                        3, UsageState.OK, 1097L, NOW, null));
    }

    @Test
    void recordedUsageCountsTowardsTheNextAuthorization() {
        fixture.given(created(), attached(UNITS))
                .andGivenCommands(report(entry(NOW, 1100, null)))
                .when(authorize("dev-2", NOW))
                .expectResultMessagePayloadMatching(satisfying(
                        AuthorizationDecision.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(ErrorCode.QUOTA_EXCEEDED)));
    }

    @Test
    void totalsPastTheLongestCountSaturateInsteadOfWrappingAndTheProjectIsExhausted() {
        ReportUsage report = report(entry(NOW, ReportUsage.MAX_UNITS_PER_ENTRY, null));

        fixture.given(created(), attached(UNITS), used(UNITS, Long.MAX_VALUE - 10),
                        quotaAlert(LicenseType.PER_USAGE, 60, "units-1000", Long.MAX_VALUE - 10, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 80, "units-1000", Long.MAX_VALUE - 10, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 100, "units-1000", Long.MAX_VALUE - 10, 1000, EARLIER),
                        overageEntered(LicenseType.PER_USAGE, "units-1000", Long.MAX_VALUE - 10, 1000, EARLIER),
                        hardStop(LicenseType.PER_USAGE, "units-1000", Long.MAX_VALUE - 10, 1100, EARLIER))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, ReportUsage.MAX_UNITS_PER_ENTRY, null, UNITS.itemId())),
                        ReportUsage.MAX_UNITS_PER_ENTRY, UsageState.EXHAUSTED, 0L, NOW, null))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.EXHAUSTED,
                        ReportUsage.MAX_UNITS_PER_ENTRY, 0L));
    }

    @Test
    void quotaAlertsAreRaisedWhenHundredTimesTheUseWouldOverflow() {
        long used = Long.MAX_VALUE / 100 + 1;
        ReportUsage report = report(entry(NOW, 1, null));

        fixture.given(created(), attached(UNITS), used(UNITS, used - 1))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(NOW, 1, null, UNITS.itemId())),
                        1, UsageState.EXHAUSTED, 0L, NOW, null),
                        quotaAlert(LicenseType.PER_USAGE, 60, "units-1000", used, 1000, NOW),
                        quotaAlert(LicenseType.PER_USAGE, 80, "units-1000", used, 1000, NOW),
                        quotaAlert(LicenseType.PER_USAGE, 100, "units-1000", used, 1000, NOW),
                        overageEntered(LicenseType.PER_USAGE, "units-1000", used, 1000, NOW),
                        hardStop(LicenseType.PER_USAGE, "units-1000", used, 1100, NOW));
    }

    @Test
    void aMaximalBatchIsSummedExactly() {
        List<ReportUsage.Entry> entries = java.util.Collections.nCopies(ReportUsage.MAX_ENTRIES,
                entry(NOW, ReportUsage.MAX_UNITS_PER_ENTRY, null));
        ReportUsage report = new ReportUsage(PROJECT, DEVICE, BATCH, entries, NOW);

        fixture.given(created(), attached(UNITS), used(UNITS, 1100),
                        quotaAlert(LicenseType.PER_USAGE, 60, "units-1000", 1100, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 80, "units-1000", 1100, 1000, EARLIER),
                        quotaAlert(LicenseType.PER_USAGE, 100, "units-1000", 1100, 1000, EARLIER),
                        overageEntered(LicenseType.PER_USAGE, "units-1000", 1100, 1000, EARLIER),
                        hardStop(LicenseType.PER_USAGE, "units-1000", 1100, 1100, EARLIER))
                .when(report)
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.EXHAUSTED,
                        10_000_000_000_000L, 0L));
    }

    @Test
    void entryDatedMoreThanADayBeforeTheEarliestTermIsRefusedAndNothingIsRecorded() {
        Instant oldest = TERM_START.minus(Duration.ofDays(1));
        ReportUsage report = report(entry(oldest, 1, null), entry(oldest.minusNanos(1), 1, null));

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(refusal.getMessage()).contains("entries[1].at", oldest.toString());
                }));
    }

    @Test
    void entryDatedADayBeforeTheEarliestTermIsRecordedWithoutAnItem() {
        Instant oldest = TERM_START.minus(Duration.ofDays(1));
        ReportUsage report = report(entry(oldest, 1, null));

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(new UsageRecorded(PROJECT, DEVICE, BATCH, report.fingerprint(), List.of(
                        new UsageAllocation(oldest, 1, null, null)), 1, UsageState.OK, 1100L, NOW, null));
    }

    @Test
    void withoutItemsEntriesMoreThanADayOldAreRefused() {
        ReportUsage report = report(entry(NOW.minus(Duration.ofDays(1)).minusSeconds(1), 1, null));

        fixture.given(created())
                .when(report)
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED)));
    }

    @Test
    void entriesAtTheEndsOfTimeAreRefusedWithoutOverflow() {
        fixture.given(created(), attached(UNITS))
                .when(report(entry(Instant.MIN, 1, null)))
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED)));
        fixture.given(created(), attached(UNITS))
                .when(report(entry(Instant.parse("0001-01-01T00:00:00Z"), 1, null)))
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED)));
        fixture.given(created(), attached(UNITS))
                .when(report(entry(Instant.MAX, 1, null)))
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.CLOCK_SKEW)));
    }

    @Test
    void anItemRecordedBeforeTermsWereBoundedStillLetsTheCheckRun() {
        LicenseItem ancient = perUsage("ancient", 1000, "NONE", Instant.MIN, TERM_END);
        ReportUsage report = report(entry(LicenseItem.EARLIEST_TIME.minus(Duration.ofDays(2)), 1, null));

        fixture.given(created(), attached(ancient))
                .when(report)
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED)));
    }

    private static ReportUsage report(ReportUsage.Entry... entries) {
        return new ReportUsage(PROJECT, DEVICE, BATCH, List.of(entries), NOW);
    }

    private static ReportUsage.Entry entry(Instant at, long units, Feature feature) {
        return new ReportUsage.Entry(at, units, feature);
    }

    private static UsageRecorded used(LicenseItem item, long units) {
        return new UsageRecorded(PROJECT, new DeviceId("dev-other"), new BatchId("earlier-" + item.itemId()),
                "e".repeat(64), List.of(new UsageAllocation(EARLIER, units, null, item.itemId())), units,
                UsageState.OK, null, EARLIER, null);
    }
}
