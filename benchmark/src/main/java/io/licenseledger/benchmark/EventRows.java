package io.licenseledger.benchmark;

import io.licenseledger.launcher.ChainSeed;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rows of {@code domain_event_entry} exactly as the command side writes them: the payload and meta-data serialized
 * by Axon's Jackson 3 serializer (the services' {@code axon.serializer.events: jackson3}), the payload type and
 * revision it names, and Axon's timestamp format. Many rows go in per statement. They are chained as the command
 * side chains what it appends (rule AU7), commit by commit, without checkpoints: a service started on them has nothing
 * to chain, as on a ledger it grew itself. Their event identifiers are time-ordered, as the command side's
 * ({@code TimeOrderedIdentifierFactory}), and the file is left compacted as the command side's compactor keeps it.
 */
final class EventRows {

    static final int ROWS_PER_STATEMENT = 250;
    /** The command side's {@code ledger.embedded-store.compaction.target-fill-rate}. */
    private static final int COMPACTOR_FILL_RATE = 90;
    private static final int COMPACTION_BYTES_PER_ROUND = 16 << 20;
    /** More than the command side moves a round: the chunks of these large commits are larger than its chunks. */
    private static final long MOVE_BYTES_PER_ROUND = 64 << 20;
    private static final String COLUMNS = "(aggregate_identifier, sequence_number, type, event_identifier, meta_data, "
            + "payload, payload_revision, payload_type, time_stamp)";
    private static final int COLUMN_COUNT = 9;

    /** One row's values in {@link #COLUMNS} order. */
    record Row(String aggregateId, long sequence, String type, String eventId, byte[] metaData, byte[] payload,
               String payloadRevision, String payloadType, String timeStamp) {
    }

    /** Events in ledger order, each with a fresh event identifier. */
    interface Source {
        LedgerHistory.Event next();

        String eventIdentifier();
    }

    private final Serializer serializer = Jackson3Serializer.builder().build();
    private final ChainSeed chain = new ChainSeed(Ed25519PrivateKey.generate(new SecureRandom()), 0);

    Row row(LedgerHistory.Event event, String eventId, String correlationId) {
        SerializedObject<byte[]> payload = serializer.serialize(event.payload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(
                MetaData.from(Map.of("actor", event.actor(), "correlationId", correlationId)), byte[].class);
        return new Row(event.aggregateId(), event.sequence(), event.aggregateType(), eventId, metaData.getData(),
                payload.getData(), payload.getType().getRevision(), payload.getType().getName(),
                DateTimeUtils.formatInstant(event.timestamp()));
    }

    static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO domain_event_entry ").append(COLUMNS).append(" VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /** Appends {@code count} events of the history, committing every few thousand rows. */
    long append(Connection connection, Source history, long count, ProgressBar progress) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        long written = 0;
        try (PreparedStatement full = connection.prepareStatement(insertSql(ROWS_PER_STATEMENT))) {
            while (written < count) {
                int rows = (int) Math.min(ROWS_PER_STATEMENT, count - written);
                PreparedStatement insert = rows == ROWS_PER_STATEMENT ? full : connection.prepareStatement(insertSql(rows));
                for (int r = 0; r < rows; r++) {
                    bind(insert, r * COLUMN_COUNT, row(history.next(), timeOrderedIdentifier(),
                            history.eventIdentifier()));
                }
                insert.executeUpdate();
                if (insert != full) {
                    insert.close();
                }
                written += rows;
                if (written % (ROWS_PER_STATEMENT * 20L) == 0) {
                    connection.commit();
                    chain.chain(connection, false);
                }
                progress.update(written, count, false);
            }
            connection.commit();
            chain.chain(connection, false);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        compactAsTheCommandSide(connection);
        return written;
    }

    /** A version 7 UUID, as the command side's {@code TimeOrderedIdentifierFactory} makes them. */
    private static String timeOrderedIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID((System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
                0x8000_0000_0000_0000L | (random.nextLong() >>> 2)).toString();
    }

    /**
     * Rewrites the live pages of the file's emptiest chunks, then moves chunks from its end into the free space before
     * them, until chunks and file are as full as the command side's compactor leaves them. Large commits leave chunks
     * mostly dead once their last pages are rewritten; a command side started on them would do this work itself,
     * flat out while idle, during the start-up and first commands measured.
     */
    static void compactAsTheCommandSide(Connection connection) throws SQLException {
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            throw new IllegalStateException("the ledger must be open in this process to be compacted");
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        if (!(store.getFileStore() instanceof RandomAccessStore file)) {
            return;
        }
        int chunksBefore = file.getChunksFillRate();
        long sizeBefore = file.size();
        long started = System.nanoTime();
        // A round does nothing when H2's background writer holds the store's lock: a few such rounds in a row end it.
        for (int idleRounds = 0; file.getChunksFillRate() < COMPACTOR_FILL_RATE && idleRounds < 20; ) {
            if (store.compact(COMPACTOR_FILL_RATE, COMPACTION_BYTES_PER_ROUND)) {
                store.commit();
                idleRounds = 0;
            } else {
                idleRounds++;
                Sleep.millis(50);
            }
        }
        for (long size = Long.MAX_VALUE; file.getFillRate() < COMPACTOR_FILL_RATE && file.size() < size; ) {
            size = file.size();
            file.compactMoveChunks(COMPACTOR_FILL_RATE, MOVE_BYTES_PER_ROUND, store);
        }
        Console.step(String.format("ledger file compacted as the command side would: chunks %d %% -> %d %% full, file"
                        + " %,d -> %,d bytes, in %.1f s", chunksBefore, file.getChunksFillRate(), sizeBefore,
                file.size(), (System.nanoTime() - started) / 1e9));
    }

    private static void bind(PreparedStatement insert, int offset, Row row) throws SQLException {
        insert.setString(offset + 1, row.aggregateId());
        insert.setLong(offset + 2, row.sequence());
        insert.setString(offset + 3, row.type());
        insert.setString(offset + 4, row.eventId());
        insert.setBytes(offset + 5, row.metaData());
        insert.setBytes(offset + 6, row.payload());
        insert.setString(offset + 7, row.payloadRevision());
        insert.setString(offset + 8, row.payloadType());
        insert.setString(offset + 9, row.timeStamp());
    }
}
