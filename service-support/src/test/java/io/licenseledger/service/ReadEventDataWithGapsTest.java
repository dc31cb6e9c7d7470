package io.licenseledger.service;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReadEventDataWithGapsTest {

    private final SharedSchemaDatabase database = new SharedSchemaDatabase();
    private final Serializer serializer = Jackson3Serializer.builder().build();
    private final JdbcEventStorageEngine ledger = JdbcEventStorageEngine.builder()
            .connectionProvider(database.dataSource::getConnection)
            .transactionManager(NoTransactionManager.INSTANCE)
            .eventSerializer(serializer)
            .snapshotSerializer(serializer)
            .schema(LedgerSchemas.EVENTS)
            .readEventDataWithGaps(JdbcEventStoreConfiguration::readEventDataWithGaps)
            .build();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void anEventCommittedAfterALaterOneIsReadOnceItsGapIsFilled() throws SQLException {
        append("first");
        TrackingToken gapped;
        try (Connection slow = database.dataSource.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, "late");
            append("third");

            List<? extends TrackedEventMessage<?>> before = readFrom(null);

            assertThat(before).extracting(TrackedEventMessage::getIdentifier).containsExactly("first", "third");
            gapped = before.get(1).trackingToken();
            assertThat(((GapAwareTrackingToken) gapped).getGaps()).hasSize(1);
            slow.commit();
        }
        append("fourth");

        List<? extends TrackedEventMessage<?>> after = readFrom(gapped);

        assertThat(after).extracting(TrackedEventMessage::getIdentifier).containsExactly("late", "fourth");
        assertThat(((GapAwareTrackingToken) after.get(1).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void readsTheSameRowsAsAxonsOwnStatement() throws SQLException {
        for (long index = 1; index <= 30; index++) {
            if (index != 5 && index != 12 && index != 13 && index != 20) {
                database.jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, "
                                + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, "
                                + "meta_data) VALUES (?, ?, ?, 0, 'Test', '2026-11-29T09:00:00Z', 'String', ?, ?)",
                        index, "event-" + index, "aggregate-" + index, new byte[] {(byte) index}, new byte[] {1});
            }
        }
        // A token's gaps all lie below its index.
        Map<Long, List<Long>> tokens = Map.of(6L, List.of(5L), 8L, List.of(3L, 5L, 7L), 21L, List.of(12L, 13L, 20L),
                25L, List.of(5L, 12L, 13L, 20L), 30L, List.of(1L, 29L));

        for (Map.Entry<Long, List<Long>> token : tokens.entrySet()) {
            for (int batchSize : List.of(1, 4, 100)) {
                try (Connection connection = database.dataSource.getConnection()) {
                    assertThat(rows(JdbcEventStoreConfiguration.readEventDataWithGaps(connection,
                            LedgerSchemas.EVENTS, token.getKey(), batchSize, token.getValue())))
                            .as("index %d, gaps %s, batch %d", token.getKey(), token.getValue(), batchSize)
                            .isNotEmpty()
                            .isEqualTo(rows(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection,
                                    LedgerSchemas.EVENTS, token.getKey(), batchSize, token.getValue())));
                }
            }
        }
    }

    @Test
    void eachHalfReadsThroughThePrimaryKeyOnH2() {
        assumeTrue(database.isH2());

        String plan = database.jdbc.queryForObject("EXPLAIN " + JdbcEventStoreConfiguration.readEventDataWithGapsSql(
                LedgerSchemas.EVENTS, 2), String.class, 10, 14, 3, 5);

        // Axon's single WHERE with OR reads every row: its plan names the primary key with no condition.
        assertThat(plan.replaceAll("\\s+", " "))
                .contains("GLOBAL_INDEX > ?1 AND GLOBAL_INDEX <= ?2 */")
                .contains("GLOBAL_INDEX IN(?3, ?4) */");
    }

    private void append(String identifier) {
        ledger.appendEvents(List.of(new GenericDomainEventMessage<>("Test", identifier, 0, identifier,
                MetaData.emptyInstance(), identifier, Instant.now())));
    }

    /** As the engine writes an event, in a transaction of its own. */
    private void insert(Connection connection, String identifier) throws SQLException {
        SerializedObject<byte[]> payload = serializer.serialize(identifier, byte[].class);
        String fields = LedgerSchemas.EVENTS.domainEventFields();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO domain_event_entry (" + fields + ") VALUES (?, ?, 0, 'Test', ?, ?, NULL, ?, ?)")) {
            insert.setString(1, identifier);
            insert.setString(2, identifier);
            insert.setString(3, DateTimeUtils.formatInstant(Instant.now()));
            insert.setString(4, payload.getType().getName());
            insert.setBytes(5, payload.getData());
            insert.setBytes(6, serializer.serialize(MetaData.from(Map.of()), byte[].class).getData());
            insert.executeUpdate();
        }
    }

    private List<? extends TrackedEventMessage<?>> readFrom(TrackingToken token) {
        return ledger.readEvents(token, false).toList();
    }

    private static List<List<String>> rows(PreparedStatement statement) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (statement; ResultSet resultSet = statement.executeQuery()) {
            int columns = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(resultSet.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
