package io.licenseledger.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How a row of {@code domain_event_entry} (aliased {@code e}) becomes the {@link StoredEvent} the chain hashes. */
public final class StoredEventRows {

    /** The columns {@link #read} reads, in its order. */
    public static final String COLUMNS = "e.global_index, e.event_identifier, e.aggregate_identifier,"
            + " e.sequence_number, e.payload_type, e.payload_revision, e.time_stamp, e.meta_data, e.payload";

    private StoredEventRows() {
    }

    /** The event of the row's {@link #COLUMNS}, starting at column {@code first}, at chain position {@code position}. */
    public static StoredEvent read(ResultSet rows, int first, long position) throws SQLException {
        return new StoredEvent(position, rows.getLong(first), rows.getString(first + 1), rows.getString(first + 2),
                rows.getLong(first + 3), rows.getString(first + 4), rows.getString(first + 5),
                rows.getString(first + 6), text(rows.getBytes(first + 7)), text(rows.getBytes(first + 8)));
    }

    private static String text(byte[] stored) {
        return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
    }
}
