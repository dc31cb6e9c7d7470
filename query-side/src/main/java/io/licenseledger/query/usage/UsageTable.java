package io.licenseledger.query.usage;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

/** Tables {@code qry_usage_hour} (units per project, UTC hour and feature) and {@code qry_usage_batch}. */
@Repository
class UsageTable {

    /** The feature of an entry that named none; the column is part of the key, so it is never null. */
    static final String NO_FEATURE = "";

    record HourUnits(Instant hourStart, String feature, long units) {
    }

    private final JdbcTemplate jdbc;

    UsageTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes a batch as counted; false when it already was. */
    boolean countBatchOnce(ProjectId projectId, DeviceId deviceId, BatchId batchId) {
        Long known = jdbc.queryForObject(
                "SELECT COUNT(*) FROM qry_usage_batch WHERE project_id = ? AND device_id = ? AND batch_id = ?",
                Long.class, projectId.value(), deviceId.value(), batchId.value());
        if (known != null && known > 0) {
            return false;
        }
        jdbc.update("INSERT INTO qry_usage_batch (project_id, device_id, batch_id) VALUES (?, ?, ?)",
                projectId.value(), deviceId.value(), batchId.value());
        return true;
    }

    void add(ProjectId projectId, Instant hourStart, String feature, long units) {
        int updated = jdbc.update("""
                UPDATE qry_usage_hour SET units = units + ?
                 WHERE project_id = ? AND hour_start = ? AND feature = ?""",
                units, projectId.value(), SqlTime.utc(hourStart), feature);
        if (updated == 0) {
            jdbc.update("INSERT INTO qry_usage_hour (project_id, hour_start, feature, units) VALUES (?, ?, ?, ?)",
                    projectId.value(), SqlTime.utc(hourStart), feature, units);
        }
    }

    List<HourUnits> hours(ProjectId projectId, Instant from, Instant toExclusive) {
        return jdbc.query("""
                SELECT hour_start, feature, units FROM qry_usage_hour
                 WHERE project_id = ? AND hour_start >= ? AND hour_start < ? ORDER BY hour_start, feature""",
                (rs, i) -> new HourUnits(SqlTime.instant(rs, "hour_start"), rs.getString("feature"),
                        rs.getLong("units")),
                projectId.value(), SqlTime.utc(from), SqlTime.utc(toExclusive));
    }

    void clear() {
        jdbc.update("DELETE FROM qry_usage_hour");
        jdbc.update("DELETE FROM qry_usage_batch");
    }
}
