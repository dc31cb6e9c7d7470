package io.licenseledger.audit;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Exports the ledger from its tables ({@code ledger_chain} joined with {@code domain_event_entry}, and
 * {@code ledger_checkpoint}) page by page in chain order, in constant memory. Shared by the query side's export
 * endpoint and the audit tool. An export covers the positions from the first event the filter shows (or from the
 * position after {@code after}, to resume) to the first checkpoint at or after the last event it shows, so that a
 * signature covers every event shown, or to the chain's head when no checkpoint is there yet.
 */
public final class LedgerExport {

    /** The positions an export covers: after {@code after}, up to {@code last} included. */
    public record Range(long after, long last) {
    }

    static final int PAGE_POSITIONS = 2_000;

    private static final String EVENTS = "SELECT c.chain_position, c.event_digest, c.chain_hash, "
            + StoredEventRows.COLUMNS
            + " FROM ledger_chain c JOIN domain_event_entry e ON e.global_index = c.global_index"
            + " WHERE c.chain_position > ? AND c.chain_position <= ? ORDER BY c.chain_position";
    private static final String TIMES = "SELECT c.chain_position, e.aggregate_identifier, e.time_stamp"
            + " FROM ledger_chain c JOIN domain_event_entry e ON e.global_index = c.global_index"
            + " WHERE c.chain_position > ? AND c.chain_position <= ? ORDER BY c.chain_position";
    private static final String PROJECT_EVENTS = "SELECT MIN(c.chain_position), MAX(c.chain_position)"
            + " FROM ledger_chain c JOIN domain_event_entry e ON e.global_index = c.global_index"
            + " WHERE e.aggregate_identifier = ?";
    private static final String CHECKPOINTS = "SELECT chain_position, chain_hash, signed_at, genesis, key_id,"
            + " signature FROM ledger_checkpoint WHERE chain_position >= ? AND chain_position <= ?"
            + " ORDER BY chain_position";

    private final LedgerConnections connections;
    private final int pagePositions;

    public LedgerExport(LedgerConnections connections) {
        this(connections, PAGE_POSITIONS);
    }

    LedgerExport(LedgerConnections connections, int pagePositions) {
        this.connections = connections;
        this.pagePositions = pagePositions;
    }

    /**
     * The positions an export with this filter covers, decided before anything is written.
     *
     * @param after the position to resume after, or null
     * @throws IllegalArgumentException when {@code after} is past the chain's head
     */
    public Range plan(ExportFilter filter, Long after) throws SQLException {
        long head = single("SELECT COALESCE(MAX(chain_position), 0) FROM ledger_chain");
        if (after != null && (after < 0 || after > head)) {
            throw new IllegalArgumentException("after must be a chain position from 0 to the head, " + head);
        }
        long start = after == null ? 0 : after;
        if (filter.isEmpty()) {
            return new Range(start, head);
        }
        long[] shown = filter.hasTimeRange() ? scanShown(filter, head) : projectEvents(filter.project());
        if (shown == null) {
            return new Range(start, start);
        }
        if (after == null) {
            start = shown[0] - 1;
        }
        long checkpoint = single("SELECT COALESCE(MIN(chain_position), -1) FROM ledger_checkpoint"
                + " WHERE chain_position >= ?", shown[1]);
        long last = checkpoint >= 0 ? checkpoint : head;
        return new Range(start, Math.max(start, last));
    }

    /** Writes the export of {@code range}; flushes after every page, so a client reading it gets whole pages. */
    public void write(Range range, ExportFilter filter, OutputStream out) throws SQLException {
        ExportWriter writer = new ExportWriter(out);
        writer.start(range.after(), chainHashAt(range.after()), filter);
        Deque<Checkpoint> atStart = checkpoints(range.after(), range.after());
        if (!atStart.isEmpty()) {
            writer.checkpoint(atStart.removeFirst());
        }
        for (long from = range.after(); from < range.last(); from += pagePositions) {
            writePage(from, Math.min(from + pagePositions, range.last()), filter, writer);
            writer.flush();
        }
        writer.end();
    }

    private void writePage(long after, long last, ExportFilter filter, ExportWriter writer) throws SQLException {
        Deque<Checkpoint> checkpoints = checkpoints(after + 1, last);
        Connection connection = connections.borrow();
        try (PreparedStatement query = connection.prepareStatement(EVENTS)) {
            query.setLong(1, after);
            query.setLong(2, last);
            query.setFetchSize(500);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StoredEvent event = StoredEventRows.read(rows, 4, rows.getLong(1));
                    byte[] chainHash = rows.getBytes(3);
                    if (filter.matches(event.aggregateId(), event.time())) {
                        writer.event(event, rows.getBytes(2), chainHash);
                    } else {
                        // the digest of the row as it is now: a row altered since it was chained breaks the chain here
                        writer.omitted(event.position(), LedgerChain.digest(event), chainHash);
                    }
                    while (!checkpoints.isEmpty() && checkpoints.peekFirst().position() <= event.position()) {
                        Checkpoint checkpoint = checkpoints.removeFirst();
                        if (checkpoint.position() == event.position()) {
                            writer.checkpoint(checkpoint);
                        }
                    }
                }
            }
        } finally {
            connections.giveBack(connection);
        }
    }

    private Deque<Checkpoint> checkpoints(long from, long to) throws SQLException {
        Deque<Checkpoint> found = new ArrayDeque<>();
        Connection connection = connections.borrow();
        try (PreparedStatement query = connection.prepareStatement(CHECKPOINTS)) {
            query.setLong(1, from);
            query.setLong(2, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Checkpoint(rows.getLong(1), rows.getBytes(2), Instant.parse(rows.getString(3)),
                            rows.getBoolean(4), rows.getString(5), rows.getBytes(6)));
                }
            }
        } finally {
            connections.giveBack(connection);
        }
        return found;
    }

    private byte[] chainHashAt(long position) throws SQLException {
        if (position == 0) {
            return LedgerChain.START;
        }
        Connection connection = connections.borrow();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT chain_hash FROM ledger_chain WHERE chain_position = ?")) {
            query.setLong(1, position);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the ledger's chain has no position " + position);
                }
                return rows.getBytes(1);
            }
        } finally {
            connections.giveBack(connection);
        }
    }

    /** The first and last positions of the project's events, or null when it has none. */
    private long[] projectEvents(String project) throws SQLException {
        Connection connection = connections.borrow();
        try (PreparedStatement query = connection.prepareStatement(PROJECT_EVENTS)) {
            query.setString(1, project);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long first = rows.getLong(1);
                return rows.wasNull() ? null : new long[]{first, rows.getLong(2)};
            }
        } finally {
            connections.giveBack(connection);
        }
    }

    /** The first and last positions the filter shows, or null when it shows none: times are text, compared here. */
    private long[] scanShown(ExportFilter filter, long head) throws SQLException {
        long first = -1;
        long last = -1;
        for (long from = 0; from < head; from += pagePositions) {
            Connection connection = connections.borrow();
            try (PreparedStatement query = connection.prepareStatement(TIMES)) {
                query.setLong(1, from);
                query.setLong(2, Math.min(from + pagePositions, head));
                query.setFetchSize(500);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (filter.matches(rows.getString(2), rows.getString(3))) {
                            last = rows.getLong(1);
                            first = first < 0 ? last : first;
                        }
                    }
                }
            } finally {
                connections.giveBack(connection);
            }
        }
        return first < 0 ? null : new long[]{first, last};
    }

    private long single(String sql, long... parameters) throws SQLException {
        Connection connection = connections.borrow();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setLong(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } finally {
            connections.giveBack(connection);
        }
    }
}
