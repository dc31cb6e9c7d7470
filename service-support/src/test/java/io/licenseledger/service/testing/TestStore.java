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
 */
public final class TestStore implements AutoCloseable {

    /** The local server's {@code test} database, unless {@code -Dledger.pgTestUrl} names another. */
    public static final String LOCAL_POSTGRES =
            System.getProperty("ledger.pgTestUrl", "jdbc:postgresql://127.0.0.1:5432/test");

    private final String url;
    private final String schema;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    private TestStore(String url, String schema, String user) {
        this.url = url;
        this.schema = schema;
        this.dataSource = new DriverManagerDataSource(url, user, "");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public static TestStore h2() {
        return new TestStore("jdbc:h2:mem:" + name() + ";DB_CLOSE_DELAY=-1", null, "sa");
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
        return new TestStore(serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema,
                "postgres");
    }

    /** H2 unless {@code postgresUrl} is given. */
    public static TestStore h2Or(String postgresUrl) {
        return postgresUrl == null ? h2() : postgres(postgresUrl);
    }

    private static String name() {
        return "store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public String url() {
        return url;
    }

    public String user() {
        return isPostgres() ? "postgres" : "sa";
    }

    public boolean isPostgres() {
        return schema != null;
    }

    /** The PostgreSQL schema; null on H2. */
    public String schema() {
        return schema;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        jdbc.execute(isPostgres() ? "DROP SCHEMA " + schema + " CASCADE" : "SHUTDOWN");
    }
}
