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
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.licenseledger.command.Satisfying.satisfying;
import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.OLD_UNITS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.RENEWAL_START;
import static io.licenseledger.command.project.ProjectFixtures.RENEWED_UNITS;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.intoOverage;
import static io.licenseledger.command.project.ProjectFixtures.overageEntered;
import static io.licenseledger.command.project.ProjectFixtures.pastTheHardStop;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static io.licenseledger.command.project.ProjectFixtures.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ReportUsageTest {

    private static final DeviceId DEVICE = new DeviceId("dev-1");
    private static final BatchId BATCH = new BatchId("batch-1");
    private static final Feature SCAN = new Feature("scan");
    /** 1000 units, 10 % overage: the hard stop is at 1100. */
    private static final LicenseItem UNITS = perUsage("units-1000", 1000, "PERCENT(10)", TERM_START, TERM_END);
    private static final LicenseItem FIVE_SEATS = perDevice("seats", 5, "NONE", TERM_START, TERM_END);

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
                .expectRecorded(recorded(report, 500, UsageState.OK, 600L, null, scanned(twoHoursAgo, 300, UNITS),
                        counted(oneHourAgo, 200, UNITS)));
    }

    @Test
    void usagePastQuotaButInsideTheAllowanceIsInOverage() {
        ReportUsage report = report(entry(NOW, 150, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 900), unitsAlert(60, 900, EARLIER),
                        unitsAlert(80, 900, EARLIER))
                .when(report)
                .expectRecorded(recorded(report, 150, UsageState.OVERAGE, 50L, null, counted(NOW, 100, UNITS),
                                counted(NOW, 50, UNITS)),
                        unitsAlert(100, 1050, NOW),
                        overageEntered(LicenseType.PER_USAGE, "units-1000", 1050, 1000, NOW));
    }

    @Test
    void usagePastTheAllowanceIsStillRecordedAndTheProjectIsExhausted() {
        ReportUsage report = report(entry(NOW, 100, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 1050), unitsIntoOverage(1050, EARLIER))
                .when(report)
                .expectRecorded(recorded(report, 100, UsageState.EXHAUSTED, 0L, null, counted(NOW, 100, UNITS)),
                        hardStop(LicenseType.PER_USAGE, "units-1000", 1150, 1100, NOW));
    }

    @Test
    void usageReachingTheHardStopExactlyIsExhausted() {
        fixture.given(created(), attached(UNITS), used(UNITS, 1000))
                .when(report(entry(NOW, 100, null)))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.EXHAUSTED, 100, 0L));
    }

    @Test
    void usageOnAnExhaustedProjectIsRecordedAgainWithoutRaisingItsAlertsAgain() {
        ReportUsage report = report(entry(NOW, 7, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 5000), unitsPastTheHardStop(5000, EARLIER))
                .when(report)
                .expectEvents(recorded(report, 7, UsageState.EXHAUSTED, 0L, null, counted(NOW, 7, UNITS)));
    }

    @Test
    void entryDatedBeforeARenewalStartsCountsOnTheRenewedItem() {
        Instant beforeRenewal = RENEWAL_START.minus(Duration.ofHours(1));
        Instant afterRenewal = RENEWAL_START.plus(Duration.ofMinutes(30));
        ReportUsage report = new ReportUsage(PROJECT, DEVICE, BATCH, List.of(entry(beforeRenewal, 100, null),
                entry(afterRenewal, 50, null)), RENEWAL_START.plus(Duration.ofHours(1)));

        fixture.given(created(), attached(OLD_UNITS), attached(RENEWED_UNITS), used(OLD_UNITS, 990))
                .when(report)
                .expectRecorded(recorded(report, 150, UsageState.OK, 1050L, null,
                        counted(beforeRenewal, 10, OLD_UNITS), counted(beforeRenewal, 90, OLD_UNITS),
                        counted(afterRenewal, 50, RENEWED_UNITS)));
    }

    @Test
    void entrySplitsOverTwoValidItemsSoonestEndingFirst() {
        LicenseItem endsSoon = hundredUnitsEndingSoon();
        LicenseItem endsLate = perUsage("ends-late", 1000, "PERCENT(10)", TERM_START, TERM_END);
        ReportUsage report = report(entry(NOW, 150, SCAN));

        fixture.given(created(), attached(endsLate), attached(endsSoon))
                .when(report)
                .expectRecorded(recorded(report, 150, UsageState.OK, 1060L, null, scanned(NOW, 100, endsSoon),
                        scanned(NOW, 50, endsLate)));
    }

    @Test
    void usageBeyondEveryItemsQuotaOverflowsOnTheSoonestEndingItem() {
        LicenseItem endsSoon = hundredUnitsEndingSoon();
        LicenseItem endsLate = perUsage("ends-late", 100, "PERCENT(10)", TERM_START, TERM_END);
        ReportUsage report = report(entry(NOW, 210, null));

        fixture.given(created(), attached(endsLate), attached(endsSoon))
                .when(report)
                .expectEvents(recorded(report, 210, UsageState.OVERAGE, 10L, null, counted(NOW, 100, endsSoon),
                                counted(NOW, 100, endsLate), counted(NOW, 10, endsSoon)),
                        intoOverage(LicenseType.PER_USAGE, "ends-late+ends-soon", 210, 200, NOW));
    }

    @Test
    void entryWithNoValidUsageItemIsRecordedWithoutAnItem() {
        Instant beforeAnyTerm = TERM_START.minus(Duration.ofHours(12));
        ReportUsage report = report(entry(beforeAnyTerm, 40, SCAN));

        fixture.given(created(), attached(FIVE_SEATS), attached(UNITS))
                .when(report)
                .expectRecorded(recorded(report, 40, UsageState.OK, 1100L, null,
                        new UsageAllocation(beforeAnyTerm, 40, SCAN, null)));
    }

    @Test
    void projectWithoutUsageItemsRecordsUsageWithNothingRemainingToCount() {
        ReportUsage report = report(entry(NOW, 40, null));

        fixture.given(created(), attached(FIVE_SEATS))
                .when(report)
                .expectRecorded(recorded(report, 40, UsageState.OK, null, null, uncounted(NOW, 40)));
    }

    @Test
    void unlimitedOverageNeverExhaustsAndLeavesNoRemainingCount() {
        LicenseItem unlimited = perUsage("unlimited", 10, "UNLIMITED", TERM_START, TERM_END);

        fixture.given(created(), attached(unlimited))
                .when(report(entry(NOW, 1_000_000, null)))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.OVERAGE, 1_000_000, null));
    }

    @Test
    void repeatedBatchRecordsNothingAndGetsTheFirstAnswerAgain() {
        ReportUsage report = report(entry(NOW, 5, null));
        UsageAnswer firstAnswer = new UsageAnswer(BATCH, true, UsageState.OVERAGE, 5, 42L);
        batchRecordedBefore(report, firstAnswer);

        fixture.given(created(), attached(UNITS), used(UNITS, 5))
                .when(report)
                .expectNoEvents()
                .expectResultMessagePayload(firstAnswer);
    }

    @Test
    void repeatedBatchSentLaterIsStillTheSameBatch() {
        ReportUsage first = report(entry(NOW, 5, null));
        UsageAnswer firstAnswer = new UsageAnswer(BATCH, true, UsageState.OK, 5, 1095L);
        batchRecordedBefore(first, firstAnswer);

        fixture.given(created(), attached(UNITS), used(UNITS, 5))
                .when(new ReportUsage(PROJECT, DEVICE, BATCH, first.entries(), NOW.plus(Duration.ofHours(3))))
                .expectNoEvents()
                .expectResultMessagePayload(firstAnswer);
    }

    @Test
    void differentEntriesUnderAUsedBatchIdAreRefusedAsABatchConflict() {
        batchRecordedBefore(report(entry(NOW, 5, null)), new UsageAnswer(BATCH, true, UsageState.OK, 5, 1095L));

        fixture.given(created(), attached(UNITS), used(UNITS, 5))
                .when(report(entry(NOW, 6, null)))
                .expectRefusedRecordingNothing(ErrorCode.BATCH_CONFLICT, BATCH.value());
    }

    @Test
    void entryMoreThanFiveMinutesAheadOfTheServerIsRefusedAsClockSkewAndNothingIsRecorded() {
        fixture.given(created(), attached(UNITS))
                .when(report(entry(NOW, 1, null), entry(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), 1, null)))
                .expectRefusedRecordingNothing(ErrorCode.CLOCK_SKEW, "entries[1].at");
    }

    @Test
    void entryExactlyFiveMinutesAheadOfTheServerIsAccepted() {
        Instant fiveMinutesAhead = NOW.plus(Duration.ofMinutes(5));
        ReportUsage report = report(entry(fiveMinutesAhead, 1, null));

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(recorded(report, 1, UsageState.OK, 1099L, null, counted(fiveMinutesAhead, 1, UNITS)));
    }

    @Test
    void usageRefreshesTheRegistrationOfAPerDeviceDevice() {
        ReportUsage report = report(entry(NOW, 3, null));
        Instant twentyDaysAgo = Instant.parse("2026-02-09T12:00:00Z");

        fixture.given(created(), attached(FIVE_SEATS), attached(UNITS),
                        granted(DEVICE.value(), FIVE_SEATS, true, false, twentyDaysAgo,
                                Instant.parse("2026-03-11T12:00:00Z"), Instant.parse("2026-02-16T12:00:00Z")))
                .when(report)
                .expectEvents(recorded(report, 3, UsageState.OK, 1097L, NOW_PLUS_30_DAYS, counted(NOW, 3, UNITS)));
    }

    @Test
    void refreshedRegistrationStopsAtTheItemsEnd() {
        Instant itemEnd = NOW.plus(Duration.ofDays(3));
        LicenseItem seats = perDevice("seats", 5, "NONE", TERM_START, itemEnd);
        ReportUsage report = report(entry(NOW, 3, null));

        fixture.given(created(), attached(seats),
                        granted(DEVICE.value(), seats, true, false, EARLIER, itemEnd, itemEnd))
                .when(report)
                .expectEvents(recorded(report, 3, UsageState.OK, null, itemEnd, uncounted(NOW, 3)));
    }

    @Test
    void usageFromADeviceOnAUsageItemRefreshesNoRegistration() {
        ReportUsage report = report(entry(NOW, 3, null));

        fixture.given(created(), attached(UNITS),
                        granted(DEVICE.value(), UNITS, true, false, EARLIER, EARLIER_PLUS_7_DAYS, EARLIER_PLUS_7_DAYS))
                .when(report)
                .expectEvents(recorded(report, 3, UsageState.OK, 1097L, null, counted(NOW, 3, UNITS)));
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
        long max = ReportUsage.MAX_UNITS_PER_ENTRY;
        ReportUsage report = report(entry(NOW, max, null));

        fixture.given(created(), attached(UNITS), used(UNITS, Long.MAX_VALUE - 10),
                        unitsPastTheHardStop(Long.MAX_VALUE - 10, EARLIER))
                .when(report)
                .expectRecorded(recorded(report, max, UsageState.EXHAUSTED, 0L, null, counted(NOW, max, UNITS)));
    }

    @Test
    void quotaAlertsAreRaisedWhenHundredTimesTheUseWouldOverflow() {
        long used = Long.MAX_VALUE / 100 + 1;
        ReportUsage report = report(entry(NOW, 1, null));

        fixture.given(created(), attached(UNITS), used(UNITS, used - 1))
                .when(report)
                .expectEvents(recorded(report, 1, UsageState.EXHAUSTED, 0L, null, counted(NOW, 1, UNITS)),
                        unitsPastTheHardStop(used, NOW));
    }

    @Test
    void aMaximalBatchIsSummedExactly() {
        List<ReportUsage.Entry> entries = java.util.Collections.nCopies(ReportUsage.MAX_ENTRIES,
                entry(NOW, ReportUsage.MAX_UNITS_PER_ENTRY, null));

        fixture.given(created(), attached(UNITS), used(UNITS, 1100), unitsPastTheHardStop(1100, EARLIER))
                .when(new ReportUsage(PROJECT, DEVICE, BATCH, entries, NOW))
                .expectResultMessagePayload(new UsageAnswer(BATCH, false, UsageState.EXHAUSTED,
                        10_000_000_000_000L, 0L));
    }

    @Test
    void entryDatedMoreThanADayBeforeTheEarliestTermIsRefusedAndNothingIsRecorded() {
        Instant oldest = TERM_START.minus(Duration.ofDays(1));

        fixture.given(created(), attached(UNITS))
                .when(report(entry(oldest, 1, null), entry(oldest.minusNanos(1), 1, null)))
                .expectRefusedRecordingNothing(ErrorCode.VALIDATION_FAILED, "entries[1].at", oldest.toString());
    }

    @Test
    void entryDatedADayBeforeTheEarliestTermIsRecordedWithoutAnItem() {
        Instant oldest = TERM_START.minus(Duration.ofDays(1));
        ReportUsage report = report(entry(oldest, 1, null));

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(recorded(report, 1, UsageState.OK, 1100L, null, uncounted(oldest, 1)));
    }

    @Test
    void withoutItemsEntriesMoreThanADayOldAreRefused() {
        fixture.given(created())
                .when(report(entry(NOW.minus(Duration.ofDays(1)).minusSeconds(1), 1, null)))
                .expectRefusedRecordingNothing(ErrorCode.VALIDATION_FAILED);
    }

    static Stream<Arguments> entriesAtTheEndsOfTime() {
        return Stream.of(arguments(Instant.MIN, ErrorCode.VALIDATION_FAILED),
                arguments(Instant.parse("0001-01-01T00:00:00Z"), ErrorCode.VALIDATION_FAILED),
                arguments(Instant.MAX, ErrorCode.CLOCK_SKEW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entriesAtTheEndsOfTime")
    void entriesAtTheEndsOfTimeAreRefusedWithoutOverflow(Instant at, ErrorCode refusal) {
        fixture.given(created(), attached(UNITS))
                .when(report(entry(at, 1, null)))
                .expectRefusedRecordingNothing(refusal);
    }

    @Test
    void anItemRecordedBeforeTermsWereBoundedStillLetsTheCheckRun() {
        LicenseItem ancient = perUsage("ancient", 1000, "NONE", Instant.MIN, TERM_END);

        fixture.given(created(), attached(ancient))
                .when(report(entry(LicenseItem.EARLIEST_TIME.minus(Duration.ofDays(2)), 1, null)))
                .expectRefusedRecordingNothing(ErrorCode.VALIDATION_FAILED);
    }

    private void batchRecordedBefore(ReportUsage report, UsageAnswer answer) {
        when(batches.find(PROJECT, DEVICE, BATCH))
                .thenReturn(Optional.of(new UsageBatches.RecordedBatch(report.fingerprint(), answer)));
    }

    /** 100 units, 10 % overage, ending on 1 June, before TERM_END. */
    private static LicenseItem hundredUnitsEndingSoon() {
        return perUsage("ends-soon", 100, "PERCENT(10)", TERM_START, Instant.parse("2026-06-01T00:00:00Z"));
    }

    private static AlertRaised unitsAlert(int percent, long used, Instant at) {
        return quotaAlert(LicenseType.PER_USAGE, percent, "units-1000", used, 1000, at);
    }

    /** Every alert of UNITS short of its hard stop, raised at once by a step to {@code used}. */
    private static List<Object> unitsIntoOverage(long used, Instant at) {
        return intoOverage(LicenseType.PER_USAGE, "units-1000", used, 1000, at);
    }

    /** Every alert of UNITS, raised at once by a step to {@code used}. */
    private static List<Object> unitsPastTheHardStop(long used, Instant at) {
        return pastTheHardStop(LicenseType.PER_USAGE, "units-1000", used, 1000, 1100, at);
    }

    private static UsageAllocation counted(Instant at, long units, LicenseItem item) {
        return new UsageAllocation(at, units, null, item.itemId());
    }

    private static UsageAllocation scanned(Instant at, long units, LicenseItem item) {
        return new UsageAllocation(at, units, SCAN, item.itemId());
    }

    /** Units no valid usage item counts. */
    private static UsageAllocation uncounted(Instant at, long units) {
        return new UsageAllocation(at, units, null, null);
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
