package io.licenseledger.query.usage;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.Counts;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.BatchedWrites;
import io.licenseledger.service.SqlTime;
import io.licenseledger.query.TableRows;
import io.licenseledger.query.TableRows.Table;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static io.licenseledger.query.TableRows.Column.bigint;
import static io.licenseledger.query.TableRows.Column.text;
import static io.licenseledger.query.TableRows.Column.time;

/** Tables {@code qry_usage_hour} (units per project, UTC hour and feature) and {@code qry_usage_batch}. */
@Repository
class UsageTable {

    /** The feature of an entry that named none; the column is part of the key, so it is never null. */
    static final String NO_FEATURE = "";

    record HourUnits(Instant hourStart, String feature, long units) {
    }

    private static final Table BATCHES = new Table("qry_usage_batch", List.of(text("project_id"), text("device_id"),
            text("batch_id")), List.of("project_id", "device_id", "batch_id"));
    private static final Table HOURS = new Table("qry_usage_hour", List.of(text("project_id"), time("hour_start"),
            text("feature"), bigint("units")), List.of("project_id", "hour_start", "feature"));

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    UsageTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, BATCHES, HOURS);
    }

    /** Adds a usage batch's units to their hours, once: a batch already counted adds nothing. */
    void countBatchOnce(ProjectId projectId, DeviceId deviceId, BatchId batchId, List<HourUnits> units) {
        Object[] batchKey = {projectId.value(), deviceId.value(), batchId.value()};
        writes.record(batch -> {
            batch.rows(BATCHES).want(batchKey);
            units.forEach(hour -> batch.rows(HOURS).want(projectId.value(), hour.hourStart(), hour.feature()));
        }, batch -> {
            TableRows batches = batch.rows(BATCHES);
            if (batches.find(batchKey) != null) {
                return;
            }
            batches.insert(batchKey);
            TableRows hours = batch.rows(HOURS);
            for (HourUnits hour : units) {
                TableRows.Row row = hours.find(projectId.value(), hour.hourStart(), hour.feature());
                if (row == null) {
                    row = hours.insert(projectId.value(), hour.hourStart(), hour.feature()).set("units", 0L);
                }
                row.set("units", Counts.add(row.bigint("units"), hour.units()));
            }
        });
    }

    List<HourUnits> hours(ProjectId projectId, Instant from, Instant toExclusive) {
        return jdbc.query("""
                SELECT hour_start, feature, units FROM qry_usage_hour
                 WHERE project_id = ? AND hour_start >= ? AND hour_start < ? ORDER BY hour_start, feature""",
                (rs, i) -> new HourUnits(SqlTime.instant(rs, "hour_start"), rs.getString("feature"),
                        rs.getLong("units")),
                projectId.value(), SqlTime.utc(from), SqlTime.utc(toExclusive));
    }

    /** Every hour of the project from {@code from} (included) to {@code toExclusive}, read row by row. */
    void forEachHour(ProjectId projectId, Instant from, Instant toExclusive, Consumer<HourUnits> hour) {
        jdbc.query("""
                SELECT hour_start, feature, units FROM qry_usage_hour
                 WHERE project_id = ? AND hour_start >= ? AND hour_start < ?""",
                (RowCallbackHandler) rs -> hour.accept(new HourUnits(SqlTime.instant(rs, "hour_start"),
                        rs.getString("feature"), rs.getLong("units"))),
                projectId.value(), SqlTime.utc(from), SqlTime.utc(toExclusive));
    }
}
