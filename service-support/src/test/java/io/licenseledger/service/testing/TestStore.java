package io.licenseledger.service.testing;

import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh, empty database for a test without Spring: in-memory H2, or a schema of its own on a PostgreSQL server
 * (user postgres), dropped at {@link #close()}.
 *
 * @param schema the PostgreSQL schema; null on H2
 */
public record TestStore(String url, String schema, DataSource dataSource, JdbcTemplate jdbc) implements AutoCloseable {

    /** The local server's {@code test} database, unless {@code -Dledger.pgTestUrl} names another. */
    public static final String LOCAL_POSTGRES =
            System.getProperty("ledger.pgTestUrl", "jdbc:postgresql://127.0.0.1:5432/test");

    public static TestStore h2() {
        return open("jdbc:h2:mem:" + name() + ";DB_CLOSE_DELAY=-1", null, "sa");
    }

    /**
     * A new schema on the server at {@code serverUrl}. Without a server the test is skipped (and says so), except on
     * CI, which must prove the PostgreSQL path.
     */
    public static TestStore postgres(String serverUrl) {
        DataSource server = new DriverManagerDataSource(serverUrl, "postgres", "");
        try (Connection probe = server.getConnection()) {
            probe.isValid(5);
        } catch (SQLException unreachable) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL is unreachable", unreachable);
            }
            System.out.println("SKIPPED: PostgreSQL test: " + unreachable.getMessage());
            Assumptions.abort("PostgreSQL is not reachable: " + unreachable.getMessage());
        }
        String schema = name();
        new JdbcTemplate(server).execute("CREATE SCHEMA " + schema);
        return open(serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema, "postgres");
    }

    /** H2 unless {@code postgresUrl} is given. */
    public static TestStore h2Or(String postgresUrl) {
        return postgresUrl == null ? h2() : postgres(postgresUrl);
    }

    private static TestStore open(String url, String schema, String user) {
        DataSource dataSource = new DriverManagerDataSource(url, user, "");
        return new TestStore(url, schema, dataSource, new JdbcTemplate(dataSource));
    }

    private static String name() {
        return "store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public String user() {
        return isPostgres() ? "postgres" : "sa";
    }

    public boolean isPostgres() {
        return schema != null;
    }

    @Override
    public void close() {
        jdbc.execute(isPostgres() ? "DROP SCHEMA " + schema + " CASCADE" : "SHUTDOWN");
    }
}
