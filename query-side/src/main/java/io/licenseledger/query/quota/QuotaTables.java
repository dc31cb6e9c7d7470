package io.licenseledger.query.quota;

import io.licenseledger.events.Counts;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.query.BatchedWrites;
import io.licenseledger.service.SqlTime;
import io.licenseledger.query.TableRows;
import io.licenseledger.query.TableRows.Table;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.licenseledger.query.TableRows.Column.bigint;
import static io.licenseledger.query.TableRows.Column.text;
import static io.licenseledger.query.TableRows.Column.time;

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

    private static final Table ITEMS = new Table("qry_item", List.of(text("item_id"), text("project_id"),
            text("license_id"), text("type"), bigint("quantity"), time("valid_from"), time("valid_until"),
            text("overage"), text("renewal_of"), time("attached_at"), text("lifecycle"), text("lifecycle_note"),
            time("lifecycle_changed_at")), List.of("item_id"));
    private static final Table SEATS = new Table("qry_item_seat", List.of(text("item_id"), text("project_id"),
            text("device_id"), time("registered_until"), time("freed_at")),
            List.of("item_id", "project_id", "device_id"), List.of("project_id", "device_id"));
    private static final Table UNITS = new Table("qry_item_units", List.of(text("item_id"), text("project_id"),
            text("device_id"), text("batch_id"), bigint("units")),
            List.of("item_id", "project_id", "device_id", "batch_id"));

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    QuotaTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, ITEMS, SEATS, UNITS);
    }

    void attach(ProjectId projectId, LicenseId licenseId, LicenseItem item, Instant attachedAt) {
        String itemId = item.itemId().value();
        writes.record(batch -> batch.rows(ITEMS).want(itemId), batch -> {
            TableRows items = batch.rows(ITEMS);
            TableRows.Row row = items.find(itemId);
            if (row == null) {
                row = items.insert(itemId).set("lifecycle", LicenseStatus.ACTIVE.name());
            }
            row.set("project_id", projectId.value()).set("license_id", licenseId.value())
                    .set("type", item.type().name()).set("quantity", item.quantity())
                    .set("valid_from", item.validFrom()).set("valid_until", item.validUntil())
                    .set("overage", item.overage().toString())
                    .set("renewal_of", item.renewalOf() == null ? null : item.renewalOf().value())
                    .set("attached_at", attachedAt);
        });
    }

    /** A detached item no longer counts in its project's quota; its seats were freed by its devices' events. */
    void detach(ProjectId projectId, ItemId itemId) {
        writes.record(batch -> batch.rows(ITEMS).want(itemId.value()), batch -> {
            TableRows.Row row = batch.rows(ITEMS).find(itemId.value());
            if (row != null && projectId.value().equals(row.text("project_id"))) {
                batch.rows(ITEMS).remove(row);
            }
        });
    }

    void lifecycle(ProjectId projectId, ItemId itemId, LicenseStatus status, String note, Instant changedAt) {
        writes.record(batch -> batch.rows(ITEMS).want(itemId.value()), batch -> {
            TableRows.Row row = batch.rows(ITEMS).find(itemId.value());
            if (row != null && projectId.value().equals(row.text("project_id"))) {
                row.set("lifecycle", status.name()).set("lifecycle_note", note).set("lifecycle_changed_at", changedAt);
            }
        });
    }

    /** A device that now holds its registration on another item gave up the seats it held elsewhere. */
    void leaveOtherItems(ProjectId projectId, DeviceId deviceId, ItemId itemId, Instant at) {
        changeHeldSeats(projectId, deviceId, seat -> !seat.text("item_id").equals(itemId.value()),
                seat -> seat.set("freed_at", at));
    }

    void seat(ProjectId projectId, DeviceId deviceId, ItemId itemId, Instant registeredUntil) {
        writes.record(batch -> batch.rows(SEATS).want(projectId.value(), deviceId.value()), batch -> {
            TableRows seats = batch.rows(SEATS);
            TableRows.Row seat = seats.find(itemId.value(), projectId.value(), deviceId.value());
            if (seat == null) {
                seat = seats.insert(itemId.value(), projectId.value(), deviceId.value());
            }
            seat.set("registered_until", registeredUntil).set("freed_at", null);
        });
    }

    void extendSeat(ProjectId projectId, DeviceId deviceId, Instant registeredUntil) {
        changeHeldSeats(projectId, deviceId, seat -> true, seat -> seat.set("registered_until", registeredUntil));
    }

    /** Frees the device's seat on the item (on whichever it holds when the item is not named). */
    void free(ProjectId projectId, DeviceId deviceId, ItemId itemId, Instant at) {
        changeHeldSeats(projectId, deviceId, seat -> itemId == null || seat.text("item_id").equals(itemId.value()),
                seat -> seat.set("freed_at", at));
    }

    /** Records a batch's units on an item once; a repeat of the same batch changes nothing. */
    void units(ItemId itemId, ProjectId projectId, DeviceId deviceId, String batchId, long units) {
        Object[] key = {itemId.value(), projectId.value(), deviceId.value(), batchId};
        writes.record(batch -> batch.rows(UNITS).want(key), batch -> {
            TableRows rows = batch.rows(UNITS);
            if (rows.find(key) == null) {
                rows.insert(key).set("units", units);
            }
        });
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

    /**
     * Units counted against each of the project's items. The database sums exactly (NUMERIC on H2 and PostgreSQL);
     * the total is held within {@code long} as {@link Counts#add} holds it, rather than failing the read.
     */
    Map<String, Long> unitsUsed(ProjectId projectId) {
        return countPerItem("""
                SELECT item_id, GREATEST(LEAST(SUM(units), 9223372036854775807), -9223372036854775808) AS n
                  FROM qry_item_units
                 WHERE item_id IN (SELECT item_id FROM qry_item WHERE project_id = ?) GROUP BY item_id""",
                projectId.value());
    }

    /** Changes the seats the device holds (not freed) that match. */
    private void changeHeldSeats(ProjectId projectId, DeviceId deviceId, Predicate<TableRows.Row> which,
                                 Consumer<TableRows.Row> change) {
        writes.record(batch -> batch.rows(SEATS).want(projectId.value(), deviceId.value()), batch ->
                batch.rows(SEATS).lookup(projectId.value(), deviceId.value()).stream()
                        .filter(seat -> seat.time("freed_at") == null && which.test(seat))
                        .forEach(change));
    }

    private Map<String, Long> countPerItem(String sql, Object... arguments) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString("item_id"), rs.getLong("n"));
        }, arguments);
        return counts;
    }
}
