package io.licenseledger.command.alerts;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * A fresh database with the command side's migrations, for tests without Spring: in-memory H2, or, with
 * {@code -Dledger.alerts.pgUrl=jdbc:postgresql://host:port/db} (user postgres), a schema of its own on PostgreSQL.
 */
final class AlertDatabase {

    private static final String PG_URL = System.getProperty("ledger.alerts.pgUrl");

    final DataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;
    private final String schema;

    AlertDatabase() {
        String name = "alerts_" + UUID.randomUUID().toString().replace("-", "");
        if (PG_URL == null) {
            schema = null;
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            schema = name;
            new JdbcTemplate(new DriverManagerDataSource(PG_URL, "postgres", "")).execute("CREATE SCHEMA " + schema);
            dataSource = new DriverManagerDataSource(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema="
                    + schema, "postgres", "");
        }
        String vendor = schema == null ? "h2" : "postgresql";
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema == null ? new String[0] : new String[] {schema})
                .locations("classpath:db/common", "classpath:db/eventstore/" + vendor, "classpath:db/command/" + vendor)
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    void close() {
        jdbc.execute(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
    }
}
