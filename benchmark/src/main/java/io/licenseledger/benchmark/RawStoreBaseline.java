package io.licenseledger.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** Runs the baseline from the plan's client threads, reports it and answers its commits per second. */
    static double measure(Cluster cluster, Plan plan, Report report, Supplier<Load.Window> cpu) throws SQLException {
        Console.step("raw store baseline: single-row insert + commit from " + plan.clientThreads()
                + " threads into the services' database (" + plan.baselineMeasure().toSeconds() + " s)");
        Load.Result baseline = run(cluster, plan.clientThreads(), Duration.ofSeconds(2), plan.baselineMeasure(), cpu);
        report.detail("rawStoreBaseline", baseline);
        report.add("raw store baseline: single-row insert + commit, same H2 file and URL (WRITE_DELAY=0)",
                Report.rate(baseline.throughput(), "commits") + ", " + Report.percentiles(baseline.latency()),
                null, null, "each scenario's figure is also given as a ratio to this; " + Report.cores(baseline.cpuCores()));
        return baseline.throughput();
    }

    /** A scenario's rate as a ratio to the baseline's, for its figure; empty when the baseline did not run. */
    static String ratio(double perSecond, double baselineCommitsPerSecond) {
        return baselineCommitsPerSecond <= 0 ? ""
                : String.format(Locale.ROOT, "; %.2fx raw store", perSecond / baselineCommitsPerSecond);
    }

    private static Load.Result run(Cluster cluster, int threads, Duration warmUp, Duration measure,
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
