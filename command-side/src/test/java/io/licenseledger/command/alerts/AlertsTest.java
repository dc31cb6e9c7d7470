package io.licenseledger.command.alerts;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.alerts.CheckExpiryAlerts;
import io.licenseledger.command.lifecycle.UnregisterDevice;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.TestItems.renewing;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.OLD_UNITS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.RENEWAL_START;
import static io.licenseledger.command.project.ProjectFixtures.RENEWED_UNITS;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.expiryNear;
import static io.licenseledger.command.project.ProjectFixtures.filledWithoutOverage;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.intoOverage;
import static io.licenseledger.command.project.ProjectFixtures.overageEntered;
import static io.licenseledger.command.project.ProjectFixtures.pastTheHardStop;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static io.licenseledger.command.project.ProjectFixtures.recorded;
import static io.licenseledger.command.project.ProjectFixtures.reportUsage;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Alerts at 60, 80 and 100 % of quota, on entering overage, at the hard stop, and before the end (N1). */
class AlertsTest {

    /** Five seats and one more in overage, held for a 30-day active window, leased for a 7-day offline window. */
    private static final LicenseItem SEATS = perDevice("seats-5", 5, "PERCENT(20)", TERM_START, TERM_END);
    /** 1000 units; the hard stop is at 1100. */
    private static final LicenseItem UNITS = perUsage("units-1000", 1000, "PERCENT(10)", TERM_START, TERM_END);
    /** A second after NOW, for a device that comes after the devices authorized at NOW. */
    private static final Instant A_SECOND_LATER = Instant.parse("2026-03-01T12:00:01Z");
    private static final Instant A_SECOND_LATER_PLUS_7_DAYS = Instant.parse("2026-03-08T12:00:01Z");
    private static final Instant A_SECOND_LATER_PLUS_30_DAYS = Instant.parse("2026-03-31T12:00:01Z");
    private static final LicenseType PER_DEVICE = LicenseType.PER_DEVICE;
    private static final LicenseType PER_USAGE = LicenseType.PER_USAGE;

    private final ProjectScenario fixture = new ProjectScenario();

    // ---- Seats ----

    static Stream<Arguments> seatsTakenOneByOne() {
        return Stream.of(
                arguments(named("the second of five seats raises nothing", 2), List.of()),
                arguments(named("the third of five seats raises the sixty percent alert", 3), List.of(
                        new AlertRaised(PROJECT, "QUOTA_THRESHOLD:PER_DEVICE:60:seats-5", AlertKind.QUOTA_THRESHOLD,
                                PER_DEVICE, 60, "seats-5", 3, 5, NOW))),
                arguments(named("the fourth of five seats raises only the eighty percent alert", 4),
                        List.of(quotaAlert(PER_DEVICE, 80, "seats-5", 4, 5, NOW))),
                arguments(named("the fifth of five seats raises only the hundred percent alert", 5),
                        List.of(quotaAlert(PER_DEVICE, 100, "seats-5", 5, 5, NOW))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seatsTakenOneByOne")
    void eachSeatTakenRaisesOnlyTheAlertsItCrosses(int nth, List<AlertRaised> raised) {
        fixture.given(created(), attached(SEATS))
                .andGivenCommands(seatsTakenAtNow(nth - 1))
                .when(authorize("dev-" + nth, NOW))
                .expectEvents(granted("dev-" + nth, SEATS, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        raised);
    }

    @Test
    void deviceTakingTheLastOverageSeatRaisesOverageEnteredAndTheHardStop() {
        fixture.given(created(), attached(SEATS))
                .andGivenCommands(seatsTakenAtNow(5))
                .when(authorize("dev-6", NOW))
                .expectEvents(granted("dev-6", SEATS, true, true, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        overageEntered(PER_DEVICE, "seats-5", 6, 5, NOW),
                        hardStop(PER_DEVICE, "seats-5", 6, 6, NOW));
    }

    @Test
    void seatTakenAgainAfterOneWasFreedRaisesNoAlertAgain() {
        fixture.given(created(), attached(SEATS))
                .andGivenCommands(seatsTakenAtNow(6))
                .andGivenCommands(new UnregisterDevice(PROJECT, new DeviceId("dev-6"), NOW),
                        new UnregisterDevice(PROJECT, new DeviceId("dev-5"), NOW))
                .when(authorize("dev-7", A_SECOND_LATER))
                .expectEvents(granted("dev-7", SEATS, true, false, A_SECOND_LATER, A_SECOND_LATER_PLUS_30_DAYS,
                        A_SECOND_LATER_PLUS_7_DAYS));
    }

    @Test
    void reauthorizingARegisteredDeviceRaisesNoAlert() {
        fixture.given(created(), attached(SEATS))
                .andGivenCommands(seatsTakenAtNow(3))
                .when(authorize("dev-3", A_SECOND_LATER))
                .expectEvents(granted("dev-3", SEATS, false, false, A_SECOND_LATER, A_SECOND_LATER_PLUS_30_DAYS,
                        A_SECOND_LATER_PLUS_7_DAYS));
    }

    @Test
    void addingAnItemOfTheSameTypeStartsANewTermWithItsOwnAlerts() {
        LicenseItem first = perDevice("a-first", 1, "NONE", TERM_START, TERM_END);
        LicenseItem added = perDevice("b-added", 1, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(first))
                .andGivenCommands(authorize("dev-1", NOW))
                .andGiven(attached(added))
                .when(authorize("dev-2", NOW))
                .expectEvents(granted("dev-2", added, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        filledWithoutOverage(PER_DEVICE, "a-first+b-added", 2, 2, NOW));
    }

    // ---- Units ----

    @Test
    void usageJustBelowSixtyPercentRaisesNothing() {
        ReportUsage report = reportUsage("dev-1", "batch-1", 599, NOW);

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(recorded(report, 599, UsageState.OK, 501L, null, counted(UNITS, 599)));
    }

    @Test
    void usageReachingSixtyPercentRaisesTheSixtyPercentAlert() {
        ReportUsage report = reportUsage("dev-1", "batch-1", 600, NOW);

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(recorded(report, 600, UsageState.OK, 500L, null, counted(UNITS, 600)),
                        new AlertRaised(PROJECT, "QUOTA_THRESHOLD:PER_USAGE:60:units-1000", AlertKind.QUOTA_THRESHOLD,
                                PER_USAGE, 60, "units-1000", 600, 1000, NOW));
    }

    @Test
    void usageCrossingEveryThresholdAtOnceRaisesEachAlert() {
        ReportUsage report = reportUsage("dev-1", "batch-1", 1100, NOW);

        fixture.given(created(), attached(UNITS))
                .when(report)
                .expectEvents(recorded(report, 1100, UsageState.EXHAUSTED, 0L, null, counted(UNITS, 1000),
                                counted(UNITS, 100)),
                        pastTheHardStop(PER_USAGE, "units-1000", 1100, 1000, 1100, NOW));
    }

    @Test
    void usageRaisesOnlyTheAlertsItCrossesSinceTheLastReport() {
        ReportUsage report = reportUsage("dev-1", "batch-3", 200, NOW);

        fixture.given(created(), attached(UNITS))
                .andGivenCommands(reportUsage("dev-1", "batch-1", 600, NOW), reportUsage("dev-1", "batch-2", 250, NOW))
                .when(report)
                .expectEvents(recorded(report, 200, UsageState.OVERAGE, 50L, null, counted(UNITS, 150),
                                counted(UNITS, 50)),
                        quotaAlert(PER_USAGE, 100, "units-1000", 1050, 1000, NOW),
                        overageEntered(PER_USAGE, "units-1000", 1050, 1000, NOW));
    }

    @Test
    void usagePastTheHardStopRaisesNoAlertAgain() {
        ReportUsage report = reportUsage("dev-1", "batch-2", 1, NOW);

        fixture.given(created(), attached(UNITS))
                .andGivenCommands(reportUsage("dev-1", "batch-1", 1100, NOW))
                .when(report)
                .expectEvents(recorded(report, 1, UsageState.EXHAUSTED, 0L, null, counted(UNITS, 1)));
    }

    @Test
    void unlimitedOverageNeverRaisesAHardStop() {
        LicenseItem unlimited = perUsage("unlimited", 10, "UNLIMITED", TERM_START, TERM_END);
        ReportUsage report = reportUsage("dev-1", "batch-1", 1_000_000, NOW);

        fixture.given(created(), attached(unlimited))
                .when(report)
                .expectEvents(recorded(report, 1_000_000, UsageState.OVERAGE, null, null, counted(unlimited, 10),
                                counted(unlimited, 999_990)),
                        intoOverage(PER_USAGE, "unlimited", 1_000_000, 10, NOW));
    }

    @Test
    void renewalIsANewTermWithFreshQuotaAndItsOwnAlerts() {
        Instant lastWeek = RENEWAL_START.minus(Duration.ofDays(7));
        ReportUsage report = reportUsage("dev-1", "batch-2", 600, NOW);

        fixture.given(created(), attached(OLD_UNITS), attached(RENEWED_UNITS))
                .andGivenCommands(new ReportUsage(PROJECT, new DeviceId("dev-1"), new BatchId("batch-1"),
                        List.of(new ReportUsage.Entry(lastWeek, 1100, null)), lastWeek))
                .when(report)
                .expectEvents(recorded(report, 600, UsageState.OK, 500L, null, counted(RENEWED_UNITS, 600)),
                        quotaAlert(PER_USAGE, 60, "renewal", 600, 1000, NOW));
    }

    // ---- Expiry ----

    @Test
    void nothingIsDueMoreThanThirtyDaysBeforeTheLastItemEnds() {
        fixture.given(created(), attached(SEATS))
                .when(new CheckExpiryAlerts(PROJECT, TERM_END.minus(Duration.ofDays(30)).minusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void thirtyDaysBeforeTheEndTheThirtyDayAlertIsRaised() {
        Instant at = TERM_END.minus(Duration.ofDays(30));

        fixture.given(created(), attached(SEATS))
                .when(new CheckExpiryAlerts(PROJECT, at))
                .expectEvents(new AlertRaised(PROJECT, "EXPIRY_NEAR:ALL:30:seats-5", AlertKind.EXPIRY_NEAR, null, 30,
                        "seats-5", 30, 30, at));
    }

    @Test
    void onlyTheTightestDueExpiryAlertIsRaisedWhenSeveralAreDue() {
        Instant at = TERM_END.minus(Duration.ofDays(5));

        fixture.given(created(), attached(SEATS))
                .when(new CheckExpiryAlerts(PROJECT, at))
                .expectEvents(expiryNear(7, "seats-5", 5, at));
    }

    @Test
    void sevenDayAlertFollowsTheThirtyDayAlertWithTheDaysLeftRoundedUp() {
        Instant at = TERM_END.minus(Duration.ofDays(6)).minus(Duration.ofHours(12));

        fixture.given(created(), attached(SEATS), expiryNear(30, "seats-5", 30, EARLIER))
                .when(new CheckExpiryAlerts(PROJECT, at))
                .expectEvents(expiryNear(7, "seats-5", 7, at));
    }

    @Test
    void expiryAlertIsNeverRaisedTwice() {
        Instant at = TERM_END.minus(Duration.ofDays(3));

        fixture.given(created(), attached(SEATS), expiryNear(7, "seats-5", 5, TERM_END.minus(Duration.ofDays(5))))
                .when(new CheckExpiryAlerts(PROJECT, at))
                .expectNoEvents();
    }

    @Test
    void oneDayAlertIsRaisedOnTheLastDay() {
        Instant at = TERM_END.minus(Duration.ofHours(12));

        fixture.given(created(), attached(SEATS), expiryNear(30, "seats-5", 30, EARLIER),
                        expiryNear(7, "seats-5", 7, EARLIER))
                .when(new CheckExpiryAlerts(PROJECT, at))
                .expectEvents(expiryNear(1, "seats-5", 1, at));
    }

    @Test
    void nothingIsRaisedOnceEveryItemHasEnded() {
        fixture.given(created(), attached(SEATS))
                .when(new CheckExpiryAlerts(PROJECT, TERM_END))
                .expectNoEvents();
    }

    @Test
    void itemEndingBeforeAnotherValidItemRaisesNoExpiryAlert() {
        LicenseItem endsSoon = perUsage("ends-soon", 100, "NONE", TERM_START, Instant.parse("2026-03-05T00:00:00Z"));

        fixture.given(created(), attached(endsSoon), attached(SEATS))
                .when(new CheckExpiryAlerts(PROJECT, NOW))
                .expectNoEvents();
    }

    @Test
    void renewalsEndIsANewTermForExpiryAlerts() {
        Instant renewalStart = Instant.parse("2026-03-01T00:00:00Z");
        LicenseItem old = perDevice("old", 5, "NONE", Instant.parse("2025-03-01T00:00:00Z"), renewalStart);
        LicenseItem renewal = renewing(perDevice("renewal", 5, "NONE", renewalStart,
                Instant.parse("2026-04-01T00:00:00Z")), "old");
        Instant at = Instant.parse("2026-03-25T00:00:00Z");

        fixture.given(created(), attached(old), attached(renewal), expiryNear(30, "old", 30, EARLIER),
                        expiryNear(7, "old", 7, EARLIER), expiryNear(1, "old", 1, EARLIER))
                .when(new CheckExpiryAlerts(PROJECT, at))
                .expectEvents(expiryNear(7, "renewal", 7, at));
    }

    @Test
    void itemFollowedByAnAttachedRenewalRaisesNoExpiryAlert() {
        Instant renewalStart = Instant.parse("2026-03-05T00:00:00Z");
        LicenseItem current = perDevice("current", 5, "NONE", TERM_START, renewalStart);
        LicenseItem renewal = renewing(perDevice("renewal", 5, "NONE", renewalStart, TERM_END), "current");

        fixture.given(created(), attached(current), attached(renewal))
                .when(new CheckExpiryAlerts(PROJECT, NOW))
                .expectNoEvents();
    }

    /** Devices dev-1 to dev-{@code devices} authorized at NOW, each taking a seat. */
    private static Object[] seatsTakenAtNow(int devices) {
        return IntStream.rangeClosed(1, devices).mapToObj(i -> authorize("dev-" + i, NOW)).toArray();
    }

    private static UsageAllocation counted(LicenseItem item, long units) {
        return new UsageAllocation(NOW, units, null, item.itemId());
    }
}
