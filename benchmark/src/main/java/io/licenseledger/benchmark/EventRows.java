package io.licenseledger.benchmark;

import io.licenseledger.launcher.ChainSeed;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Rows of {@code domain_event_entry} exactly as the command side writes them: the payload and meta-data serialized
 * by Axon's Jackson 3 serializer (the services' {@code axon.serializer.events: jackson3}), the payload type and
 * revision it names, and Axon's timestamp format. Many rows go in per statement. They are chained as the command
 * side chains what it appends (rule AU7), commit by commit, without checkpoints: a service started on them has nothing
 * to chain, as on a ledger it grew itself.
 */
final class EventRows {

    static final int ROWS_PER_STATEMENT = 250;
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
                    bind(insert, r * COLUMN_COUNT, row(history.next(), history.eventIdentifier(),
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
        return written;
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
