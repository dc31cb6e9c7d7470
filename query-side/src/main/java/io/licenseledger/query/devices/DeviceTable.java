package io.licenseledger.query.devices;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.query.Paging;
import io.licenseledger.query.SqlTime;
import io.licenseledger.query.devices.ActiveDevices.Device;
import io.licenseledger.query.devices.UnregisteredDevices.Unregistration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables {@code qry_device} (one row per device a project has seen, with its registration, marked while it is
 * unregistered) and {@code qry_device_unregistration} (one row per unregistration).
 */
@Repository
class DeviceTable {

    private final JdbcTemplate jdbc;

    DeviceTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A device that was unregistered registers anew: its first-seen time starts again. */
    void authorized(ProjectId projectId, DeviceId deviceId, String deviceName, String licenseType, String itemId,
                    Instant authorizedAt, Instant registeredUntil, boolean overage) {
        int updated = jdbc.update("""
                UPDATE qry_device SET device_name = COALESCE(?, device_name), license_type = ?, item_id = ?,
                       first_seen_at = CASE WHEN unregistered_at IS NULL THEN first_seen_at ELSE ? END,
                       last_activity_at = ?, registered_until = ?, overage = ?,
                       unregistered_at = NULL, unregistration_reason = NULL
                 WHERE project_id = ? AND device_id = ?""",
                deviceName, licenseType, itemId, SqlTime.utc(authorizedAt), SqlTime.utc(authorizedAt),
                SqlTime.utc(registeredUntil), overage, projectId.value(), deviceId.value());
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

    /**
     * Takes the device off the active list, when it is still on the item the unregistration is about (an event about
     * an item the device already left changes nothing), and keeps the unregistration once.
     */
    void unregistered(ProjectId projectId, DeviceId deviceId, ItemId itemId, UnregistrationReason reason,
                      Instant unregisteredAt) {
        if (itemId == null) {
            jdbc.update("""
                    UPDATE qry_device SET unregistered_at = ?, unregistration_reason = ?
                     WHERE project_id = ? AND device_id = ? AND unregistered_at IS NULL""",
                    SqlTime.utc(unregisteredAt), reason.name(), projectId.value(), deviceId.value());
        } else {
            jdbc.update("""
                    UPDATE qry_device SET unregistered_at = ?, unregistration_reason = ?
                     WHERE project_id = ? AND device_id = ? AND item_id = ? AND unregistered_at IS NULL""",
                    SqlTime.utc(unregisteredAt), reason.name(), projectId.value(), deviceId.value(), itemId.value());
        }
        Long known = jdbc.queryForObject("""
                SELECT COUNT(*) FROM qry_device_unregistration
                 WHERE project_id = ? AND device_id = ? AND unregistered_at = ?""", Long.class,
                projectId.value(), deviceId.value(), SqlTime.utc(unregisteredAt));
        if (known == null || known == 0) {
            jdbc.update("""
                    INSERT INTO qry_device_unregistration (project_id, device_id, unregistered_at, item_id, reason)
                    VALUES (?, ?, ?, ?, ?)""",
                    projectId.value(), deviceId.value(), SqlTime.utc(unregisteredAt),
                    itemId == null ? null : itemId.value(), reason.name());
        }
    }

    List<Device> active(ProjectId projectId, Instant now, LicenseType type, DeviceSort sort, Paging paging) {
        // The column comes from the DeviceSort enum, never from the request text.
        String order = sort.field().column() + (sort.descending() ? " DESC" : " ASC")
                + (sort.field() == DeviceSort.Field.DEVICE_ID ? "" : ", device_id ASC");
        List<Object> arguments = activeArguments(projectId, now, type);
        arguments.add(paging.offset());
        arguments.add(paging.size());
        return jdbc.query("SELECT * FROM qry_device WHERE " + activeCondition(type) + " ORDER BY " + order
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> new Device(rs.getString("device_id"), rs.getString("device_name"),
                        rs.getString("license_type"), rs.getString("item_id"), SqlTime.instant(rs, "first_seen_at"),
                        SqlTime.instant(rs, "last_activity_at"), SqlTime.instant(rs, "registered_until"),
                        rs.getBoolean("overage")),
                arguments.toArray());
    }

    long countActive(ProjectId projectId, Instant now, LicenseType type) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM qry_device WHERE " + activeCondition(type),
                Long.class, activeArguments(projectId, now, type).toArray());
        return count == null ? 0 : count;
    }

    List<Unregistration> unregistrations(ProjectId projectId, Paging paging) {
        return jdbc.query("""
                        SELECT * FROM qry_device_unregistration WHERE project_id = ?
                         ORDER BY unregistered_at DESC, device_id ASC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY""",
                (rs, i) -> new Unregistration(rs.getString("device_id"), rs.getString("item_id"),
                        rs.getString("reason"), SqlTime.instant(rs, "unregistered_at")),
                projectId.value(), paging.offset(), paging.size());
    }

    long countUnregistrations(ProjectId projectId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM qry_device_unregistration WHERE project_id = ?",
                Long.class, projectId.value());
        return count == null ? 0 : count;
    }

    void clear() {
        jdbc.update("DELETE FROM qry_device_unregistration");
        jdbc.update("DELETE FROM qry_device");
    }

    private static String activeCondition(LicenseType type) {
        return "project_id = ? AND registered_until > ? AND unregistered_at IS NULL"
                + (type == null ? "" : " AND license_type = ?");
    }

    private static List<Object> activeArguments(ProjectId projectId, Instant now, LicenseType type) {
        List<Object> arguments = new ArrayList<>(List.of(projectId.value(), SqlTime.utc(now)));
        if (type != null) {
            arguments.add(type.name());
        }
        return arguments;
    }
}
