package io.licenseledger.e2e;

import io.licenseledger.launcher.LoopbackPorts;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/** The one database both services share in a test: a fresh H2 file store, or a fresh PostgreSQL database. */
sealed interface LedgerStore extends AutoCloseable {

    /** Arguments each service gets to use this store. */
    List<String> serviceArguments();

    Map<String, String> serviceEnvironment();

    /** A connection for the test's own checks on the ledger and the read models. */
    Connection connect() throws SQLException;

    /** The services' {@code ledger.data-dir}. */
    Path dataDir();

    /** Where the command side serves the store on 127.0.0.1, if it does. */
    OptionalInt servedPort();

    /** The files that may hold a secret of the store in clear, each readable by its owner only. */
    List<Path> secretFiles();

    @Override
    default void close() throws SQLException {
    }

    static LedgerStore embedded(Path dataDir) {
        return new EmbeddedH2(dataDir, LoopbackPorts.free());
    }

    /** The store chosen for the race and crash tests: H2 unless {@code -Dledger.e2e.store=postgres}. */
    static LedgerStore selected() throws java.io.IOException, SQLException {
        return "postgres".equals(System.getProperty("ledger.e2e.store"))
                ? postgres()
                : embedded(LedgerCluster.tempDir("ledger-h2").resolve("data"));
    }

    /**
     * A fresh database on the local PostgreSQL server. Off CI, a machine without PostgreSQL skips the test (and says
     * so); on CI it fails, because CI must prove the PostgreSQL path.
     */
    static LedgerStore postgres() throws SQLException, java.io.IOException {
        String admin = System.getProperty("ledger.pgUrl", "jdbc:postgresql://127.0.0.1:5432/postgres");
        Connection probe;
        try {
            probe = DriverManager.getConnection(admin, "postgres", "");
        } catch (SQLException unreachable) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL at " + admin + " is unreachable", unreachable);
            }
            System.out.println("SKIPPED: PostgreSQL end-to-end path: no server at " + admin + " ("
                    + unreachable.getMessage() + ")");
            Assumptions.abort("PostgreSQL is not reachable at " + admin + "; the H2 path ran instead");
            throw unreachable;
        }
        String database = "ledger_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (probe; Statement statement = probe.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new Postgres(admin, database, Files.createDirectories(LedgerCluster.tempDir("ledger-pg").resolve("data")));
    }

    /** The command side's file, served by it on 127.0.0.1 to the query side and to the tests' own checks. */
    record EmbeddedH2(Path dataDir, int port) implements LedgerStore {

        @Override
        public List<String> serviceArguments() {
            return List.of("--ledger.data-dir=" + dataDir, "--ledger.embedded-store.port=" + port);
        }

        @Override
        public Map<String, String> serviceEnvironment() {
            return Map.of();
        }

        @Override
        public Connection connect() throws SQLException {
            String password;
            try {
                password = Files.readString(secretFile());
            } catch (IOException e) {
                throw new SQLException("the command side did not write " + secretFile(), e);
            }
            try {
                return DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/ledger", "sa", password);
            } catch (SQLException notServed) {
                if (notServed.getErrorCode() != ErrorCode.CONNECTION_BROKEN_1) {
                    throw notServed;
                }
                // No command side runs: this JVM opens the file itself, until the connection is closed.
                return DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/ledger", "sa", password);
            }
        }

        @Override
        public OptionalInt servedPort() {
            return OptionalInt.of(port);
        }

        @Override
        public List<Path> secretFiles() {
            return List.of(secretFile());
        }

        private Path secretFile() {
            return dataDir.resolve("ledger-db.secret");
        }
    }

    record Postgres(String adminUrl, String database, Path dataDir) implements LedgerStore {

        @Override
        public List<String> serviceArguments() {
            return List.of("--spring.profiles.active=postgres", "--ledger.data-dir=" + dataDir);
        }

        @Override
        public OptionalInt servedPort() {
            return OptionalInt.empty();
        }

        @Override
        public List<Path> secretFiles() {
            return List.of();
        }

        @Override
        public Map<String, String> serviceEnvironment() {
            return Map.of("LEDGER_DB", database, "LEDGER_DB_USER", "postgres");
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(adminUrl.replaceFirst("/[^/]*$", "/" + database), "postgres", "");
        }

        @Override
        public void close() throws SQLException {
            try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
