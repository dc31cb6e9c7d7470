package io.licenseledger.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the store itself does: each client thread inserts one row and commits, over and over, into a scratch table
 * of the very database the services use, through the URL they use (auto-server mode, {@code WRITE_DELAY=0}). The
 * services' commits can go no faster than this; every scenario is reported as a ratio to it.
 */
final class RawStoreBaseline {

    static final String TABLE = "bench_raw_commit";
    private static final Http.Response COMMITTED = new Http.Response(200, new byte[0]);

    private RawStoreBaseline() {
    }

    static Load.Result run(Cluster cluster, int threads, Duration warmUp, Duration measure,
                           Supplier<Load.Window> cpu) throws SQLException {
        try (Connection connection = cluster.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "thread_no INT NOT NULL, written_at TIMESTAMP NOT NULL, payload VARCHAR(400) NOT NULL)");
        }
        // About the size of an event's payload.
        String payload = "x".repeat(350);
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> inserts = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection connection = cluster.connect();
                connection.setAutoCommit(false);
                connections.add(connection);
                inserts.add(connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (thread_no, written_at, payload) VALUES (?, ?, ?)"));
            }
            return Load.closedLoop("raw store baseline", threads, warmUp, measure, (thread, sequence) -> {
                try {
                    PreparedStatement insert = inserts.get(thread);
                    insert.setInt(1, thread);
                    insert.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                    insert.setString(3, payload);
                    insert.executeUpdate();
                    connections.get(thread).commit();
                    return COMMITTED;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, cpu);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
            try (Connection connection = cluster.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }
}
