package io.licenseledger.command.lifecycle;

import io.licenseledger.command.CommandSideSchema;
import io.licenseledger.command.lifecycle.DeadlineIndex.Deadline;
import io.licenseledger.command.lifecycle.DeadlineIndex.Kind;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.licenseledger.command.TestItems.concurrent;
import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The durable schedule of registration and expiry-alert deadlines, on the module's own H2 schema, without Spring. */
class DeadlineIndexTest {

    private static final ProjectId PROJECT = new ProjectId("prj-1");
    private static final ProjectId OTHER_PROJECT = new ProjectId("prj-2");
    private static final Instant TERM_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TERM_END = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final LicenseItem SEATS = perDevice("seats", 5, "NONE", TERM_START, TERM_END);
    private static final LicenseItem CONCURRENT = concurrent("conc", 5, "NONE", Duration.ofMinutes(3), TERM_START,
            TERM_END);
    private static final LicenseItem UNITS = perUsage("units", 1000, "NONE", TERM_START, TERM_END);

    private static String url;
    private static JdbcTemplate jdbc;
    private DeadlineIndex index;

    @BeforeAll
    static void migrateTheModulesSchema() {
        url = "jdbc:h2:mem:deadlines-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
        CommandSideSchema.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void startFromAnEmptySchedule() {
        jdbc.update("DELETE FROM project_deadline");
        index = new DeadlineIndex(jdbc);
    }

    @Test
    void authorizationOfAPerDeviceDeviceSchedulesItsRegistrationEnd() {
        index.on(authorized(PROJECT, "dev-1", SEATS, NOW, NOW.plus(Duration.ofDays(30))));

        assertThat(rows()).containsExactly(
                new Deadline("prj-1", "dev-1", Kind.REGISTRATION, NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void authorizationOfAConcurrentDeviceSchedulesItsSeatLeaseEnd() {
        index.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW, NOW.plus(Duration.ofMinutes(3))));

        assertThat(rows()).containsExactly(
                new Deadline("prj-1", "dev-1", Kind.REGISTRATION, NOW.plus(Duration.ofMinutes(3))));
    }

    @Test
    void authorizationOnAUsageItemSchedulesNothing() {
        index.on(authorized(PROJECT, "dev-1", UNITS, NOW, NOW.plus(Duration.ofDays(7))));

        assertThat(rows()).isEmpty();
    }

    @Test
    void renewalMovesTheDeviceDeadlineInsteadOfAddingOne() {
        index.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW, NOW.plus(Duration.ofMinutes(3))));

        index.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW.plus(Duration.ofMinutes(2)),
                NOW.plus(Duration.ofMinutes(5))));

        assertThat(rows()).containsExactly(
                new Deadline("prj-1", "dev-1", Kind.REGISTRATION, NOW.plus(Duration.ofMinutes(5))));
    }

    @Test
    void usageThatRefreshesTheRegistrationMovesItsDeadline() {
        index.on(authorized(PROJECT, "dev-1", SEATS, NOW, NOW.plus(Duration.ofDays(30))));

        index.on(usage(PROJECT, "dev-1", NOW.plus(Duration.ofDays(40))));

        assertThat(rows()).containsExactly(
                new Deadline("prj-1", "dev-1", Kind.REGISTRATION, NOW.plus(Duration.ofDays(40))));
    }

    @Test
    void usageThatRefreshesNoRegistrationLeavesTheDeadline() {
        index.on(authorized(PROJECT, "dev-1", SEATS, NOW, NOW.plus(Duration.ofDays(30))));

        index.on(usage(PROJECT, "dev-1", null));

        assertThat(rows()).containsExactly(
                new Deadline("prj-1", "dev-1", Kind.REGISTRATION, NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void unregistrationDeletesOnlyThatDevicesRegistrationDeadline() {
        index.on(new QuotaAdded(PROJECT, new LicenseId("lic-1"), SEATS));
        index.on(authorized(PROJECT, "dev-1", SEATS, NOW, NOW.plus(Duration.ofDays(30))));
        index.on(authorized(PROJECT, "dev-2", SEATS, NOW, NOW.plus(Duration.ofDays(31))));
        index.on(authorized(OTHER_PROJECT, "dev-1", SEATS, NOW, NOW.plus(Duration.ofDays(32))));

        index.on(new DeviceUnregistered(PROJECT, new DeviceId("dev-1"), SEATS.itemId(),
                UnregistrationReason.RELEASED, NOW));

        assertThat(rows()).extracting(Deadline::projectId, Deadline::subject, Deadline::kind).containsExactly(
                tuple("prj-1", "dev-2", Kind.REGISTRATION),
                tuple("prj-2", "dev-1", Kind.REGISTRATION),
                tuple("prj-1", "seats:30", Kind.EXPIRY_ALERT),
                tuple("prj-1", "seats:7", Kind.EXPIRY_ALERT),
                tuple("prj-1", "seats:1", Kind.EXPIRY_ALERT));
    }

    @Test
    void attachedItemSchedulesItsThreeExpiryAlerts() {
        index.on(new QuotaAdded(PROJECT, new LicenseId("lic-1"), SEATS));

        assertThat(rows()).containsExactly(
                new Deadline("prj-1", "seats:30", Kind.EXPIRY_ALERT, TERM_END.minus(Duration.ofDays(30))),
                new Deadline("prj-1", "seats:7", Kind.EXPIRY_ALERT, TERM_END.minus(Duration.ofDays(7))),
                new Deadline("prj-1", "seats:1", Kind.EXPIRY_ALERT, TERM_END.minus(Duration.ofDays(1))));
    }

    @Test
    void dueReturnsTheDeadlinesReachedByNowEarliestFirst() {
        index.on(authorized(PROJECT, "dev-late", SEATS, NOW, NOW.plusSeconds(30)));
        index.on(authorized(PROJECT, "dev-now", SEATS, NOW, NOW));
        index.on(authorized(OTHER_PROJECT, "dev-early", SEATS, NOW, NOW.minusSeconds(30)));
        index.on(authorized(PROJECT, "dev-future", SEATS, NOW, NOW.plusSeconds(31)));

        assertThat(index.due(NOW.plusSeconds(30), 10)).containsExactly(
                new Deadline("prj-2", "dev-early", Kind.REGISTRATION, NOW.minusSeconds(30)),
                new Deadline("prj-1", "dev-now", Kind.REGISTRATION, NOW),
                new Deadline("prj-1", "dev-late", Kind.REGISTRATION, NOW.plusSeconds(30)));
    }

    @Test
    void dueReturnsNoMoreThanTheLimitTheEarliestFirst() {
        for (int i = 1; i <= 5; i++) {
            index.on(authorized(PROJECT, "dev-" + i, SEATS, NOW, NOW.minusSeconds(60 - i)));
        }

        assertThat(index.due(NOW, 2)).extracting(Deadline::subject).containsExactly("dev-1", "dev-2");
    }

    @Test
    void doneDeletesTheHandledDeadline() {
        index.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW, NOW.plus(Duration.ofMinutes(3))));
        Deadline due = index.due(NOW.plus(Duration.ofMinutes(3)), 10).get(0);

        index.done(due);

        assertThat(rows()).isEmpty();
    }

    @Test
    void doneKeepsADeadlineThatWasMovedWhileItWasHandled() {
        index.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW, NOW.plus(Duration.ofMinutes(3))));
        Deadline due = index.due(NOW.plus(Duration.ofMinutes(3)), 10).get(0);
        index.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW.plus(Duration.ofMinutes(3)),
                NOW.plus(Duration.ofMinutes(6))));

        index.done(due);

        assertThat(rows()).containsExactly(
                new Deadline("prj-1", "dev-1", Kind.REGISTRATION, NOW.plus(Duration.ofMinutes(6))));
    }

    @Test
    void deadlineKeepsItsInstantToTheMicrosecond() {
        Instant precise = NOW.plusNanos(123_456_000);
        index.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW, precise));

        assertThat(index.due(precise, 1)).extracting(Deadline::dueAt).containsExactly(precise);
        assertThat(index.due(precise.minusNanos(1_000), 1)).isEmpty();
    }

    /**
     * Regression: instants went through {@code java.sql.Timestamp} into a column without a zone, so they were kept as
     * the server's local time; in the hour repeated when clocks go back, a deadline came due an hour early, the
     * sweeper found the registration still live, and the deadline was dropped.
     */
    @Test
    void deadlineInTheHourRepeatedWhenClocksGoBackComesDueOnTimeOnAServerOutsideUtc() {
        SingleConnectionDataSource berlin = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            JdbcTemplate berlinJdbc = new JdbcTemplate(berlin);
            berlinJdbc.execute("SET TIME ZONE 'Europe/Berlin'");
            DeadlineIndex berlinIndex = new DeadlineIndex(berlinJdbc);
            Instant secondTwoThirty = Instant.parse("2026-10-25T01:30:00Z");
            berlinIndex.on(authorized(PROJECT, "dev-1", CONCURRENT, NOW, secondTwoThirty));

            assertThat(berlinIndex.due(Instant.parse("2026-10-25T00:45:00Z"), 10)).isEmpty();
            assertThat(berlinIndex.due(secondTwoThirty, 10)).extracting(Deadline::dueAt)
                    .containsExactly(secondTwoThirty);
        } finally {
            berlin.destroy();
        }
    }

    private List<Deadline> rows() {
        return jdbc.query("SELECT project_id, subject, kind, due_at FROM project_deadline ORDER BY kind DESC, due_at",
                (rs, i) -> new Deadline(rs.getString("project_id"), rs.getString("subject"),
                        Kind.valueOf(rs.getString("kind")),
                        rs.getObject("due_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)));
    }

    private static DeviceAuthorized authorized(ProjectId project, String deviceId, LicenseItem item, Instant at,
                                               Instant registeredUntil) {
        return new DeviceAuthorized(project, new DeviceId(deviceId), null, null, item.itemId(), item.type(), true,
                false, at, registeredUntil, at.plus(Duration.ofDays(7)));
    }

    private static UsageRecorded usage(ProjectId project, String deviceId, Instant deviceActiveUntil) {
        return new UsageRecorded(project, new DeviceId(deviceId), new BatchId("batch-" + UUID.randomUUID()),
                "f".repeat(64), List.of(new UsageAllocation(NOW, 1, null, null)), 1, UsageState.OK, null, NOW,
                deviceActiveUntil);
    }
}
