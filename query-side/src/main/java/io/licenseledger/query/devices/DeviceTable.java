package io.licenseledger.query.devices;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.SqlTime;
import io.licenseledger.query.devices.ActiveDevices.Device;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

/** Table {@code qry_device}: one row per device a project has seen, with its registration. */
@Repository
class DeviceTable {

    private final JdbcTemplate jdbc;

    DeviceTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void authorized(ProjectId projectId, DeviceId deviceId, String deviceName, String licenseType, String itemId,
                    Instant authorizedAt, Instant registeredUntil, boolean overage) {
        int updated = jdbc.update("""
                UPDATE qry_device SET device_name = COALESCE(?, device_name), license_type = ?, item_id = ?,
                       last_activity_at = ?, registered_until = ?, overage = ?
                 WHERE project_id = ? AND device_id = ?""",
                deviceName, licenseType, itemId, SqlTime.utc(authorizedAt), SqlTime.utc(registeredUntil), overage,
                projectId.value(), deviceId.value());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO qry_device (project_id, device_id, device_name, license_type, item_id, first_seen_at,
                                            last_activity_at, registered_until, overage)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    projectId.value(), deviceId.value(), deviceName, licenseType, itemId, SqlTime.utc(authorizedAt),
                    SqlTime.utc(authorizedAt), SqlTime.utc(registeredUntil), overage);
        }
    }

    void active(ProjectId projectId, DeviceId deviceId, Instant at, Instant registeredUntil) {
        int updated = jdbc.update("""
                UPDATE qry_device SET last_activity_at = ?, registered_until = ?
                 WHERE project_id = ? AND device_id = ?""",
                SqlTime.utc(at), SqlTime.utc(registeredUntil), projectId.value(), deviceId.value());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO qry_device (project_id, device_id, first_seen_at, last_activity_at, registered_until,
                                            overage)
                    VALUES (?, ?, ?, ?, ?, FALSE)""",
                    projectId.value(), deviceId.value(), SqlTime.utc(at), SqlTime.utc(at), SqlTime.utc(registeredUntil));
        }
    }

    List<Device> active(ProjectId projectId, Instant now, DeviceSort sort, Paging paging) {
        // The column comes from the DeviceSort enum, never from the request text.
        String order = sort.field().column() + (sort.descending() ? " DESC" : " ASC")
                + (sort.field() == DeviceSort.Field.DEVICE_ID ? "" : ", device_id ASC");
        return jdbc.query("SELECT * FROM qry_device WHERE project_id = ? AND registered_until > ? ORDER BY " + order
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> new Device(rs.getString("device_id"), rs.getString("device_name"),
                        rs.getString("license_type"), rs.getString("item_id"), SqlTime.instant(rs, "first_seen_at"),
                        SqlTime.instant(rs, "last_activity_at"), SqlTime.instant(rs, "registered_until"),
                        rs.getBoolean("overage")),
                projectId.value(), SqlTime.utc(now), paging.offset(), paging.size());
    }

    long countActive(ProjectId projectId, Instant now) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM qry_device WHERE project_id = ? AND registered_until > ?", Long.class,
                projectId.value(), SqlTime.utc(now));
        return count == null ? 0 : count;
    }

    void clear() {
        jdbc.update("DELETE FROM qry_device");
    }
}
