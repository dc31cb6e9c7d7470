package io.licenseledger.audittool;

import io.licenseledger.launcher.ChainSeed;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.service.SharedMigrations;
import io.licenseledger.service.SqlDialect;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** An H2 ledger file with the shared migrations, {@code events} events in ten projects, chained and checkpointed. */
final class SeededLedger {

    static final Instant FIRST = Instant.parse("2026-11-01T00:00:00Z");

    final String url;

    SeededLedger(Path dir, long events, Ed25519PrivateKey ledgerKey, long checkpointEvery) throws SQLException {
        this.url = "jdbc:h2:file:" + dir.resolve("ledger");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            seed(connection, events, ledgerKey, checkpointEvery);
        }
    }

    /** The shared migrations, then the events, chained, on the store {@code connection} opens. */
    static void seed(Connection connection, long events, Ed25519PrivateKey ledgerKey, long checkpointEvery)
            throws SQLException {
        SqlDialect.flyway(new SingleConnectionDataSource(connection, true)).locations(SharedMigrations.LEDGER)
                .load().migrate();
        append(connection, events);
        new ChainSeed(ledgerKey, checkpointEvery).chain(connection, false);
    }

    /** Event n is in project p-(n % 10), stored a minute after event n - 1. */
    static void append(Connection connection, long events) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry"
                + " (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,"
                + " payload_revision, payload_type, time_stamp) VALUES (?, ?, 'Project', ?, ?, ?, '1', ?, ?)")) {
            for (long n = 1; n <= events; n++) {
                String project = "p-" + n % 10;
                insert.setString(1, project);
                insert.setLong(2, n / 10);
                insert.setString(3, "event-" + n);
                insert.setBytes(4, ("{\"actor\":\"license-key:5f2a\",\"correlationId\":\"c-" + n + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                insert.setBytes(5, ("{\"projectId\":\"" + project + "\",\"deviceId\":\"device-" + n
                        + "\",\"units\":" + n % 7 + "}").getBytes(StandardCharsets.UTF_8));
                insert.setString(6, "io.licenseledger.events.project.UsageRecorded");
                insert.setString(7, FIRST.plusSeconds(60 * n).toString());
                insert.addBatch();
                if (n % 5_000 == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
