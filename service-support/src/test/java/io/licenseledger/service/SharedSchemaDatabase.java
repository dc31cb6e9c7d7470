package io.licenseledger.service;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * A fresh database with the shared migrations ({@code db/common}, {@code db/eventstore}), for tests without Spring:
 * in-memory H2, or, with {@code -Dledger.pgUrl=jdbc:postgresql://host:port/db} (user postgres), a schema of its own
 * on PostgreSQL.
 */
final class SharedSchemaDatabase implements AutoCloseable {

    private static final String PG_URL = System.getProperty("ledger.pgUrl");

    final DataSource dataSource;
    final JdbcTemplate jdbc;
    private final String schema;

    SharedSchemaDatabase() {
        String name = "ledger_" + UUID.randomUUID().toString().replace("-", "");
        if (PG_URL == null) {
            schema = null;
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            schema = name;
            new JdbcTemplate(new DriverManagerDataSource(PG_URL, "postgres", "")).execute("CREATE SCHEMA " + schema);
            dataSource = new DriverManagerDataSource(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema="
                    + schema, "postgres", "");
        }
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema == null ? new String[0] : new String[] {schema})
                .locations("classpath:db/common", "classpath:db/eventstore/" + (schema == null ? "h2" : "postgresql"))
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    boolean isH2() {
        return schema == null;
    }

    @Override
    public void close() {
        jdbc.execute(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
    }
}
