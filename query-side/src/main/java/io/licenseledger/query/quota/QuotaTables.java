package io.licenseledger.query.quota;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.query.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables {@code qry_item} (attached items), {@code qry_item_seat} (which item each device's seat is on, until when)
 * and {@code qry_item_units} (units per usage batch and item).
 */
@Repository
class QuotaTables {

    record Item(String itemId, String licenseId, LicenseType type, long quantity, Instant validFrom,
                Instant validUntil, OveragePolicy overage, String renewalOf) {

        boolean isValidAt(Instant instant) {
            return !instant.isBefore(validFrom) && instant.isBefore(validUntil);
        }
    }

    private final JdbcTemplate jdbc;

    QuotaTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void attach(ProjectId projectId, LicenseId licenseId, LicenseItem item, Instant attachedAt) {
        Object[] values = {projectId.value(), licenseId.value(), item.type().name(), item.quantity(),
                SqlTime.utc(item.validFrom()), SqlTime.utc(item.validUntil()), item.overage().toString(),
                item.renewalOf() == null ? null : item.renewalOf().value(), SqlTime.utc(attachedAt),
                item.itemId().value()};
        int updated = jdbc.update("""
                UPDATE qry_item SET project_id = ?, license_id = ?, type = ?, quantity = ?, valid_from = ?,
                       valid_until = ?, overage = ?, renewal_of = ?, attached_at = ?
                 WHERE item_id = ?""", values);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO qry_item (project_id, license_id, type, quantity, valid_from, valid_until, overage,
                                          renewal_of, attached_at, item_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values);
        }
    }

    void seat(ProjectId projectId, DeviceId deviceId, ItemId itemId, Instant registeredUntil) {
        int updated = jdbc.update(
                "UPDATE qry_item_seat SET item_id = ?, registered_until = ? WHERE project_id = ? AND device_id = ?",
                itemId.value(), SqlTime.utc(registeredUntil), projectId.value(), deviceId.value());
        if (updated == 0) {
            jdbc.update("INSERT INTO qry_item_seat (project_id, device_id, item_id, registered_until) VALUES (?, ?, ?, ?)",
                    projectId.value(), deviceId.value(), itemId.value(), SqlTime.utc(registeredUntil));
        }
    }

    void extendSeat(ProjectId projectId, DeviceId deviceId, Instant registeredUntil) {
        jdbc.update("UPDATE qry_item_seat SET registered_until = ? WHERE project_id = ? AND device_id = ?",
                SqlTime.utc(registeredUntil), projectId.value(), deviceId.value());
    }

    /** Records a batch's units on an item once; a repeat of the same batch changes nothing. */
    void units(ItemId itemId, ProjectId projectId, DeviceId deviceId, String batchId, long units) {
        Long known = jdbc.queryForObject("""
                SELECT COUNT(*) FROM qry_item_units
                 WHERE item_id = ? AND project_id = ? AND device_id = ? AND batch_id = ?""", Long.class,
                itemId.value(), projectId.value(), deviceId.value(), batchId);
        if (known == null || known == 0) {
            jdbc.update("INSERT INTO qry_item_units (item_id, project_id, device_id, batch_id, units) VALUES (?, ?, ?, ?, ?)",
                    itemId.value(), projectId.value(), deviceId.value(), batchId, units);
        }
    }

    List<Item> items(ProjectId projectId) {
        return jdbc.query("SELECT * FROM qry_item WHERE project_id = ? ORDER BY valid_from, item_id",
                (rs, i) -> new Item(rs.getString("item_id"), rs.getString("license_id"),
                        LicenseType.valueOf(rs.getString("type")), rs.getLong("quantity"),
                        SqlTime.instant(rs, "valid_from"), SqlTime.instant(rs, "valid_until"),
                        OveragePolicy.parse(rs.getString("overage")), rs.getString("renewal_of")),
                projectId.value());
    }

    /** Devices of the project holding a live seat, per item. */
    Map<String, Long> liveSeats(ProjectId projectId, Instant now) {
        Map<String, Long> seats = new HashMap<>();
        jdbc.query("""
                SELECT item_id, COUNT(*) AS seats FROM qry_item_seat
                 WHERE project_id = ? AND registered_until > ? GROUP BY item_id""",
                rs -> {
                    seats.put(rs.getString("item_id"), rs.getLong("seats"));
                },
                projectId.value(), SqlTime.utc(now));
        return seats;
    }

    /** Units counted against each of the project's items. */
    Map<String, Long> unitsUsed(ProjectId projectId) {
        Map<String, Long> units = new HashMap<>();
        jdbc.query("""
                SELECT item_id, SUM(units) AS units FROM qry_item_units
                 WHERE item_id IN (SELECT item_id FROM qry_item WHERE project_id = ?) GROUP BY item_id""",
                rs -> {
                    units.put(rs.getString("item_id"), rs.getLong("units"));
                },
                projectId.value());
        return units;
    }

    void clear() {
        jdbc.update("DELETE FROM qry_item_units");
        jdbc.update("DELETE FROM qry_item_seat");
        jdbc.update("DELETE FROM qry_item");
    }
}
