package io.licenseledger.query.usage;

import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.query.BatchedProjectionContract;
import io.licenseledger.query.ProjectionBatches;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.query.usage.UsageReport.Bucket;
import io.licenseledger.query.usage.UsageReport.FeatureBuckets;
import io.licenseledger.query.usage.UsageReport.FeatureUnits;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.licenseledger.query.TestEvents.entry;
import static io.licenseledger.query.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageReadModelTest implements BatchedProjectionContract {

    private static final ProjectId PROJECT = new ProjectId("scanner");

    private final UsageTable table = new UsageTable(ReadModelDatabase.migrated());
    private final UsageProjection projection = new UsageProjection(table);
    private final UsageQueries queries = new UsageQueries(table);

    /** Sent at once after a night offline: the entries keep their own times. */
    private final UsageRecorded offlineNight = usage(PROJECT, "d-1", "b-1", at("2026-03-02T02:00:00Z"), null,
            entry(at("2026-03-01T23:30:00Z"), 5, "scan", "item-u"),
            entry(at("2026-03-01T23:59:59Z"), 2, "scan", "item-u"),
            entry(at("2026-03-02T00:00:00Z"), 3, null, "item-u"),
            entry(at("2026-03-02T01:15:00Z"), 4, "ocr", null));

    @Test
    void usageIsBucketedByDayAtTheEntriesOwnTimes() {
        projection.on(offlineNight);

        assertThat(queries.handle(new FindUsage(PROJECT, day("2026-03-01"), day("2026-03-03"), Granularity.DAY)))
                .isEqualTo(new UsageReport("scanner", "day", day("2026-03-01"), day("2026-03-03"), 14,
                        List.of(new Bucket(at("2026-03-01T00:00:00Z"), 7), new Bucket(at("2026-03-02T00:00:00Z"), 7),
                                new Bucket(at("2026-03-03T00:00:00Z"), 0)),
                        List.of(new FeatureUnits("scan", 7), new FeatureUnits("ocr", 4), new FeatureUnits(null, 3)),
                        List.of(new FeatureBuckets("scan", List.of(7L, 0L, 0L)),
                                new FeatureBuckets("ocr", List.of(0L, 4L, 0L)),
                                new FeatureBuckets(null, List.of(0L, 3L, 0L)))));
    }

    @Test
    void usageIsBucketedByHourWithEveryHourOfTheRangeListed() {
        projection.on(offlineNight);

        UsageReport report = queries.handle(new FindUsage(PROJECT, day("2026-03-01"), day("2026-03-02"), Granularity.HOUR));

        assertThat(report.buckets()).hasSize(48);
        assertThat(report.buckets()).filteredOn(bucket -> bucket.units() > 0).containsExactly(
                new Bucket(at("2026-03-01T23:00:00Z"), 7),
                new Bucket(at("2026-03-02T00:00:00Z"), 3),
                new Bucket(at("2026-03-02T01:00:00Z"), 4));
        assertThat(report.granularity()).isEqualTo("hour");
        assertThat(report.totalUnits()).isEqualTo(14);
    }

    @Test
    void onlyTheAskedDaysAndProjectAreCounted() {
        projection.on(offlineNight);
        projection.on(usage(new ProjectId("other"), "d-1", "b-1", at("2026-03-02T02:00:00Z"), null,
                entry(at("2026-03-02T01:00:00Z"), 1000, "scan", null)));

        UsageReport report = queries.handle(new FindUsage(PROJECT, day("2026-03-02"), day("2026-03-02"), Granularity.DAY));

        assertThat(report.buckets()).containsExactly(new Bucket(at("2026-03-02T00:00:00Z"), 7));
        assertThat(report.byFeature()).containsExactly(new FeatureUnits("ocr", 4), new FeatureUnits(null, 3));
    }

    @Test
    void aRedeliveredBatchIsCountedOnceAndAnotherBatchAddsUp() {
        projection.on(offlineNight);
        projection.on(offlineNight);
        projection.on(usage(PROJECT, "d-1", "b-2", at("2026-03-02T03:00:00Z"), null,
                entry(at("2026-03-01T23:10:00Z"), 1, "scan", "item-u")));

        UsageReport report = queries.handle(new FindUsage(PROJECT, day("2026-03-01"), day("2026-03-01"), Granularity.DAY));

        assertThat(report.buckets()).containsExactly(new Bucket(at("2026-03-01T00:00:00Z"), 8));
    }

    @Test
    void unitsOfOneHourSaturateAtTheLongestCountInsteadOfWrapping() {
        long half = Long.MAX_VALUE / 2 + 1;
        projection.on(usage(PROJECT, "d-1", "b-1", at("2026-03-02T02:00:00Z"), null,
                entry(at("2026-03-02T01:00:00Z"), half, "scan", "item-u"),
                entry(at("2026-03-02T01:30:00Z"), half, "scan", "item-u")));
        projection.on(usage(PROJECT, "d-1", "b-2", at("2026-03-02T02:00:00Z"), null,
                entry(at("2026-03-02T01:10:00Z"), half, "scan", "item-u"),
                entry(at("2026-03-02T05:10:00Z"), half, "ocr", "item-u")));

        UsageReport report = queries.handle(new FindUsage(PROJECT, day("2026-03-02"), day("2026-03-02"), Granularity.DAY));

        assertThat(report.totalUnits()).isEqualTo(Long.MAX_VALUE);
        assertThat(report.buckets()).containsExactly(new Bucket(at("2026-03-02T00:00:00Z"), Long.MAX_VALUE));
        assertThat(report.byFeature()).containsExactly(new FeatureUnits("scan", Long.MAX_VALUE),
                new FeatureUnits("ocr", half));
    }

    /** What the command side now accepts at its ends: 10,000 entries of 10^9 units, dated from 1999-12-31 on. */
    @Test
    void maximalBatchesAtTheOldestAcceptedTimeAreCountedExactly() {
        Instant oldest = at("1999-12-31T00:00:00Z");
        for (int batch = 0; batch < 3; batch++) {
            UsageAllocation[] entries = new UsageAllocation[10_000];
            java.util.Arrays.fill(entries, entry(oldest, 1_000_000_000L, "scan", null));
            projection.on(usage(PROJECT, "d-1", "max-" + batch, at("2026-03-02T02:00:00Z"), null, entries));
        }

        UsageReport report = queries.handle(new FindUsage(PROJECT, day("1999-12-31"), day("1999-12-31"), Granularity.HOUR));

        assertThat(report.totalUnits()).isEqualTo(30_000_000_000_000L);
        assertThat(report.buckets().get(0)).isEqualTo(new Bucket(oldest, 30_000_000_000_000L));
    }

    @Test
    void daysOutsideTheYearsAnyUsageCanCarryAreRefused() {
        assertThatThrownBy(() -> new FindUsage(PROJECT, LocalDate.MAX, LocalDate.MAX, Granularity.DAY))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> new FindUsage(PROJECT, LocalDate.MIN, LocalDate.MIN, Granularity.DAY))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> new FindUsage(PROJECT, day("1969-12-31"), day("1969-12-31"), Granularity.DAY))
                .isInstanceOf(InvalidValueException.class);
        assertThat(queries.handle(new FindUsage(PROJECT, day("1970-01-01"), day("1970-01-01"), Granularity.DAY))
                .totalUnits()).isZero();
        assertThat(queries.handle(new FindUsage(PROJECT, day("9999-12-31"), day("9999-12-31"), Granularity.HOUR))
                .buckets()).hasSize(24);
        assertThatThrownBy(() -> FindUsage.asked(PROJECT, null, LocalDate.MIN, Granularity.DAY, day("2026-03-02")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("to");
        assertThat(FindUsage.asked(PROJECT, null, null, Granularity.DAY, day("2026-03-02")))
                .isEqualTo(new FindUsage(PROJECT, day("2026-02-01"), day("2026-03-02"), Granularity.DAY));
    }

    @Test
    void aRangeIsAtMost366DaysByDayAnd31DaysByHourWithToIncluded() {
        LocalDate from = day("2026-01-01");

        assertThat(new FindUsage(PROJECT, from, from.plusDays(365), Granularity.DAY).to()).isEqualTo(day("2027-01-01"));
        assertThat(new FindUsage(PROJECT, from, from.plusDays(30), Granularity.HOUR).to()).isEqualTo(day("2026-01-31"));
        assertThatThrownBy(() -> new FindUsage(PROJECT, from, from.plusDays(366), Granularity.DAY))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("366");
        assertThatThrownBy(() -> new FindUsage(PROJECT, from, from.plusDays(31), Granularity.HOUR))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("31");
        assertThatThrownBy(() -> new FindUsage(PROJECT, from, from.minusDays(1), Granularity.DAY))
                .isInstanceOf(InvalidValueException.class);
        assertThat(Granularity.parse("Hour")).isEqualTo(Granularity.HOUR);
        assertThatThrownBy(() -> Granularity.parse("week")).isInstanceOf(InvalidValueException.class);
    }

    /**
     * What stopped every read model (issue 11): the entry cannot be bound to a TIMESTAMP column, so the batch fails
     * when it is written, after every handler returned. EventIsolation retries such a batch one event at a time.
     */
    @Test
    void anEntryInYearMinusOneBillionFailsItsBatchWhenWrittenAndLeavesTheTablesAsTheyWere() {
        JdbcTemplate jdbc = ReadModelDatabase.migrated();
        UsageRecorded ancient = usage(PROJECT, "d-1", "b-9", at("2026-03-02T02:00:00Z"), null,
                entry(Instant.MIN, 5, "scan", null));

        assertThatThrownBy(() -> ProjectionBatches.inOneBatch(new UsageProjection(new UsageTable(jdbc)), jdbc,
                List.of(offlineNight, ancient))).isInstanceOf(java.time.DateTimeException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qry_usage_hour", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qry_usage_batch", Long.class)).isZero();
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    @Override
    public void aBatchWritesWhatItsEventsWriteOneByOne(JdbcTemplate oneByOne, JdbcTemplate inOneBatch)
            throws Exception {
        List<Object> events = List.of(offlineNight, offlineNight,
                usage(PROJECT, "d-2", "b-1", at("2026-03-02T02:00:00Z"), null,
                        entry(at("2026-03-01T23:10:00Z"), 6, "scan", "item-u")));

        ProjectionBatches.assertSameRows(jdbc -> new UsageProjection(new UsageTable(jdbc)), oneByOne, inOneBatch,
                events, "qry_usage_batch", "qry_usage_hour");
        assertThat(new UsageQueries(new UsageTable(inOneBatch)).handle(new FindUsage(PROJECT, day("2026-03-01"),
                day("2026-03-02"), Granularity.DAY)).totalUnits()).isEqualTo(20);
    }
}
