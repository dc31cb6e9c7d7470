package io.licenseledger.query.quota;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.query.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables {@code qry_item} (attached items and their admin lifecycle), {@code qry_item_seat} (the seats each device
 * held on each item, until when, and when a seat was freed) and {@code qry_item_units} (units per usage batch and
 * item).
 */
@Repository
class QuotaTables {

    record Item(String itemId, String licenseId, LicenseType type, long quantity, Instant validFrom,
                Instant validUntil, OveragePolicy overage, String renewalOf, LicenseStatus lifecycle,
                String lifecycleNote, Instant lifecycleChangedAt) {

        boolean isValidAt(Instant instant) {
            return !instant.isBefore(validFrom) && instant.isBefore(validUntil);
        }

        /** Suspended and revoked items keep their term but their quota does not count (rule L7). */
        boolean counts() {
            return lifecycle == LicenseStatus.ACTIVE;
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

    void lifecycle(ProjectId projectId, ItemId itemId, LicenseStatus status, String note, Instant changedAt) {
        jdbc.update("""
                UPDATE qry_item SET lifecycle = ?, lifecycle_note = ?, lifecycle_changed_at = ?
                 WHERE item_id = ? AND project_id = ?""",
                status.name(), note, SqlTime.utc(changedAt), itemId.value(), projectId.value());
    }

    /** A device that now holds its registration on another item gave up the seats it held elsewhere. */
    void leaveOtherItems(ProjectId projectId, DeviceId deviceId, ItemId itemId, Instant at) {
        jdbc.update("""
                UPDATE qry_item_seat SET freed_at = ?
                 WHERE project_id = ? AND device_id = ? AND item_id <> ? AND freed_at IS NULL""",
                SqlTime.utc(at), projectId.value(), deviceId.value(), itemId.value());
    }

    void seat(ProjectId projectId, DeviceId deviceId, ItemId itemId, Instant registeredUntil) {
        int updated = jdbc.update("""
                UPDATE qry_item_seat SET registered_until = ?, freed_at = NULL
                 WHERE item_id = ? AND project_id = ? AND device_id = ?""",
                SqlTime.utc(registeredUntil), itemId.value(), projectId.value(), deviceId.value());
        if (updated == 0) {
            jdbc.update("INSERT INTO qry_item_seat (item_id, project_id, device_id, registered_until) VALUES (?, ?, ?, ?)",
                    itemId.value(), projectId.value(), deviceId.value(), SqlTime.utc(registeredUntil));
        }
    }

    void extendSeat(ProjectId projectId, DeviceId deviceId, Instant registeredUntil) {
        jdbc.update("""
                UPDATE qry_item_seat SET registered_until = ?
                 WHERE project_id = ? AND device_id = ? AND freed_at IS NULL""",
                SqlTime.utc(registeredUntil), projectId.value(), deviceId.value());
    }

    /** Frees the device's seat on the item (on whichever it holds when the item is not named). */
    void free(ProjectId projectId, DeviceId deviceId, ItemId itemId, Instant at) {
        if (itemId == null) {
            jdbc.update("""
                    UPDATE qry_item_seat SET freed_at = ?
                     WHERE project_id = ? AND device_id = ? AND freed_at IS NULL""",
                    SqlTime.utc(at), projectId.value(), deviceId.value());
        } else {
            jdbc.update("""
                    UPDATE qry_item_seat SET freed_at = ?
                     WHERE item_id = ? AND project_id = ? AND device_id = ? AND freed_at IS NULL""",
                    SqlTime.utc(at), itemId.value(), projectId.value(), deviceId.value());
        }
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
                        OveragePolicy.parse(rs.getString("overage")), rs.getString("renewal_of"),
                        LicenseStatus.valueOf(rs.getString("lifecycle")), rs.getString("lifecycle_note"),
                        SqlTime.instant(rs, "lifecycle_changed_at")),
                projectId.value());
    }

    /** Devices of the project holding a live seat, per item. */
    Map<String, Long> liveSeats(ProjectId projectId, Instant now) {
        return countPerItem("""
                SELECT item_id, COUNT(*) AS n FROM qry_item_seat
                 WHERE project_id = ? AND registered_until > ? AND freed_at IS NULL GROUP BY item_id""",
                projectId.value(), SqlTime.utc(now));
    }

    /**
     * Seats still held when their item's term ended, per item: a registration is never longer than its item, so
     * those are the ones that ran to the item's end and were not freed before it.
     */
    Map<String, Long> seatsHeldAtEnd(ProjectId projectId) {
        return countPerItem("""
                SELECT s.item_id, COUNT(*) AS n FROM qry_item_seat s JOIN qry_item i ON i.item_id = s.item_id
                 WHERE s.project_id = ? AND s.registered_until >= i.valid_until
                   AND (s.freed_at IS NULL OR s.freed_at >= i.valid_until)
                 GROUP BY s.item_id""",
                projectId.value());
    }

    /** Units counted against each of the project's items. */
    Map<String, Long> unitsUsed(ProjectId projectId) {
        return countPerItem("""
                SELECT item_id, SUM(units) AS n FROM qry_item_units
                 WHERE item_id IN (SELECT item_id FROM qry_item WHERE project_id = ?) GROUP BY item_id""",
                projectId.value());
    }

    void clear() {
        jdbc.update("DELETE FROM qry_item_units");
        jdbc.update("DELETE FROM qry_item_seat");
        jdbc.update("DELETE FROM qry_item");
    }

    private Map<String, Long> countPerItem(String sql, Object... arguments) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString("item_id"), rs.getLong("n"));
        }, arguments);
        return counts;
    }
}
