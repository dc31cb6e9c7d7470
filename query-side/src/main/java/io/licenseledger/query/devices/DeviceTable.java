package io.licenseledger.query.devices;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.query.BatchedWrites;
import io.licenseledger.query.Paging;
import io.licenseledger.query.RowCount;
import io.licenseledger.query.TableRows;
import io.licenseledger.query.TableRows.Table;
import io.licenseledger.query.devices.ActiveDevices.Device;
import io.licenseledger.query.devices.UnregisteredDevices.Unregistration;
import io.licenseledger.service.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.licenseledger.query.TableRows.Column.bool;
import static io.licenseledger.query.TableRows.Column.text;
import static io.licenseledger.query.TableRows.Column.time;

/**
 * Tables {@code qry_device} (one row per device a project has seen, with its registration, marked while it is
 * unregistered) and {@code qry_device_unregistration} (one row per unregistration).
 */
@Repository
class DeviceTable {

    private static final Table DEVICES = new Table("qry_device", List.of(text("project_id"), text("device_id"),
            text("device_name"), text("license_type"), text("item_id"), time("first_seen_at"),
            time("last_activity_at"), time("registered_until"), bool("overage"), time("unregistered_at"),
            text("unregistration_reason")), List.of("project_id", "device_id"));
    private static final Table UNREGISTRATIONS = new Table("qry_device_unregistration", List.of(text("project_id"),
            text("device_id"), time("unregistered_at"), text("item_id"), text("reason")),
            List.of("project_id", "device_id", "unregistered_at"));

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    DeviceTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, DEVICES, UNREGISTRATIONS);
    }

    /** A device that was unregistered registers anew: its first-seen time starts again. */
    void authorized(ProjectId projectId, DeviceId deviceId, String deviceName, String licenseType, String itemId,
                    Instant authorizedAt, Instant registeredUntil, boolean overage) {
        writes.record(batch -> batch.rows(DEVICES).want(projectId.value(), deviceId.value()), batch -> {
            TableRows devices = batch.rows(DEVICES);
            TableRows.Row device = devices.find(projectId.value(), deviceId.value());
            if (device == null) {
                device = devices.insert(projectId.value(), deviceId.value()).set("device_name", deviceName)
                        .set("first_seen_at", authorizedAt);
            } else {
                if (deviceName != null) {
                    device.set("device_name", deviceName);
                }
                if (device.time("unregistered_at") != null) {
                    device.set("first_seen_at", authorizedAt);
                }
            }
            device.set("license_type", licenseType).set("item_id", itemId).set("last_activity_at", authorizedAt)
                    .set("registered_until", registeredUntil).set("overage", overage).set("unregistered_at", null)
                    .set("unregistration_reason", null);
        });
    }

    void active(ProjectId projectId, DeviceId deviceId, Instant at, Instant registeredUntil) {
        writes.record(batch -> batch.rows(DEVICES).want(projectId.value(), deviceId.value()), batch -> {
            TableRows devices = batch.rows(DEVICES);
            TableRows.Row device = devices.find(projectId.value(), deviceId.value());
            if (device == null) {
                device = devices.insert(projectId.value(), deviceId.value()).set("device_name", null)
                        .set("license_type", null).set("item_id", null).set("first_seen_at", at)
                        .set("overage", false).set("unregistered_at", null).set("unregistration_reason", null);
            }
            device.set("last_activity_at", at).set("registered_until", registeredUntil);
        });
    }

    /**
     * Takes the device off the active list, when it is still on the item the unregistration is about (an event about
     * an item the device already left changes nothing), and keeps the unregistration once.
     */
    void unregistered(ProjectId projectId, DeviceId deviceId, ItemId itemId, UnregistrationReason reason,
                      Instant unregisteredAt) {
        String item = itemId == null ? null : itemId.value();
        writes.record(batch -> {
            batch.rows(DEVICES).want(projectId.value(), deviceId.value());
            batch.rows(UNREGISTRATIONS).want(projectId.value(), deviceId.value(), unregisteredAt);
        }, batch -> {
            TableRows.Row device = batch.rows(DEVICES).find(projectId.value(), deviceId.value());
            if (device != null && device.time("unregistered_at") == null
                    && (item == null || item.equals(device.text("item_id")))) {
                device.set("unregistered_at", unregisteredAt).set("unregistration_reason", reason.name());
            }
            TableRows unregistrations = batch.rows(UNREGISTRATIONS);
            if (unregistrations.find(projectId.value(), deviceId.value(), unregisteredAt) == null) {
                unregistrations.insert(projectId.value(), deviceId.value(), unregisteredAt).set("item_id", item)
                        .set("reason", reason.name());
            }
        });
    }

    List<Device> active(ProjectId projectId, Instant now, LicenseType type, String search, DeviceSort sort,
                        Paging paging) {
        // The column comes from the DeviceSort enum, never from the request text.
        String order = sort.field().column() + (sort.descending() ? " DESC" : " ASC")
                + (sort.field() == DeviceSort.Field.DEVICE_ID ? "" : ", device_id ASC");
        List<Object> arguments = activeArguments(projectId, now, type, search);
        arguments.add(paging.offset());
        arguments.add(paging.size());
        return jdbc.query("SELECT * FROM qry_device WHERE " + activeCondition(type, search) + " ORDER BY " + order
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> new Device(rs.getString("device_id"), rs.getString("device_name"),
                        rs.getString("license_type"), rs.getString("item_id"), SqlTime.instant(rs, "first_seen_at"),
                        SqlTime.instant(rs, "last_activity_at"), SqlTime.instant(rs, "registered_until"),
                        rs.getBoolean("overage")),
                arguments.toArray());
    }

    long countActive(ProjectId projectId, Instant now, LicenseType type, String search) {
        return RowCount.of(jdbc, "SELECT COUNT(*) FROM qry_device WHERE " + activeCondition(type, search),
                activeArguments(projectId, now, type, search).toArray());
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
        return RowCount.of(jdbc, "SELECT COUNT(*) FROM qry_device_unregistration WHERE project_id = ?",
                projectId.value());
    }

    private static String activeCondition(LicenseType type, String search) {
        return "project_id = ? AND registered_until > ? AND unregistered_at IS NULL"
                + (type == null ? "" : " AND license_type = ?")
                + (search == null ? "" : " AND (LOWER(device_id) LIKE ? ESCAPE '\\'"
                + " OR LOWER(device_name) LIKE ? ESCAPE '\\')");
    }

    private static List<Object> activeArguments(ProjectId projectId, Instant now, LicenseType type, String search) {
        List<Object> arguments = new ArrayList<>(List.of(projectId.value(), SqlTime.utc(now)));
        if (type != null) {
            arguments.add(type.name());
        }
        if (search != null) {
            String contains = "%" + search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            arguments.add(contains);
            arguments.add(contains);
        }
        return arguments;
    }
}
