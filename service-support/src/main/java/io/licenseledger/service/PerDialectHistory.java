package io.licenseledger.service;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stores from the builds whose migrations came in one set per dialect. Their history is in {@code flyway_history_*};
 * the migrations are now one per table for both dialects, numbered below {@value #PER_TABLE_SCHEMA}, with their
 * history in {@code schema_history_*}. A store whose previous history holds every migration of the last per-dialect
 * build already has the schema they make: its new history starts with a baseline at {@value #PER_TABLE_SCHEMA}, so
 * that Flyway applies only the migrations added since. The previous history table is left as it was.
 */
final class PerDialectHistory {

    static final String PER_TABLE_SCHEMA = "1";

    /** The shared migrations of the last per-dialect build, in the history of each service that applied them. */
    private static final Set<String> SHARED = Set.of("0.1", "0.2", "0.3", "0.4");

    /** Each history table and its predecessor, with the service's own migrations of the last per-dialect build. */
    private record Previous(String table, Set<String> ownVersions) {
    }

    private static final Map<String, Previous> PREVIOUS = Map.of(
            "schema_history_command", new Previous("flyway_history_command", Set.of("1", "2", "3")),
            "schema_history_query", new Previous("flyway_history_query", Set.of("1", "2", "3", "4")),
            LedgerDatabase.HISTORY_TABLE, new Previous("flyway_history_ledger", Set.of()));

    private PerDialectHistory() {
    }

    /** Before the first migration into a new history: a baseline there when the store has a complete previous one. */
    static void baselineAnUpgradedStore(Flyway flyway) {
        Configuration configuration = flyway.getConfiguration();
        Previous previous = PREVIOUS.get(configuration.getTable());
        if (previous == null || exists(configuration, configuration.getTable())
                || !exists(configuration, previous.table())) {
            return;
        }
        Set<String> expected = new TreeSet<>(previous.ownVersions());
        if (Arrays.stream(configuration.getLocations()).anyMatch(location -> location.getPath().equals("db/ledger"))) {
            expected.addAll(SHARED);
        }
        List<String> applied = new ArrayList<>();
        boolean failed = read(configuration, previous.table(), applied);
        expected.removeAll(applied);
        if (failed || !expected.isEmpty()) {
            throw new IllegalStateException("This store was migrated by a build older than the last one with "
                    + "per-dialect migrations (" + previous.table() + (failed ? " records a failed migration"
                    : " lacks versions " + expected) + "): start that build on it once, then this one");
        }
        Flyway.configure().configuration(configuration)
                .baselineVersion(PER_TABLE_SCHEMA)
                .baselineDescription("the per-table migrations, as " + previous.table() + " left the schema")
                .load()
                .baseline();
    }

    private static boolean exists(Configuration configuration, String table) {
        return withConnection(configuration, connection -> {
            try (ResultSet tables = connection.getMetaData().getTables(null, schema(configuration, connection),
                    table, null)) {
                return tables.next();
            }
        });
    }

    /** The versions the history applied; whether it records a failed migration. */
    private static boolean read(Configuration configuration, String table, List<String> applied) {
        return withConnection(configuration, connection -> {
            boolean failed = false;
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT \"version\", \"success\" FROM \""
                    + schema(configuration, connection) + "\".\"" + table + "\"")) {
                while (rows.next()) {
                    if (!rows.getBoolean(2)) {
                        failed = true;
                    } else if (rows.getString(1) != null) {
                        applied.add(rows.getString(1));
                    }
                }
            }
            return failed;
        });
    }

    private static String schema(Configuration configuration, Connection connection) throws SQLException {
        if (configuration.getDefaultSchema() != null) {
            return configuration.getDefaultSchema();
        }
        return configuration.getSchemas().length == 0 ? connection.getSchema() : configuration.getSchemas()[0];
    }

    private interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static <T> T withConnection(Configuration configuration, ConnectionWork<T> work) {
        try (Connection connection = configuration.getDataSource().getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the migration history", e);
        }
    }
}
