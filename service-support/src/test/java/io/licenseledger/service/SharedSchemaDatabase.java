package io.licenseledger.service;

import io.licenseledger.service.testing.TestStore;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * A fresh database with the shared migrations ({@code db/ledger}), for tests without Spring: in-memory H2, or, with
 * {@code -Dledger.pgUrl=jdbc:postgresql://host:port/db} (user postgres), a schema of its own on PostgreSQL.
 */
final class SharedSchemaDatabase implements AutoCloseable {

    private final TestStore store = TestStore.h2Or(System.getProperty("ledger.pgUrl"));
    final DataSource dataSource = store.dataSource();
    final JdbcTemplate jdbc = store.jdbc();

    SharedSchemaDatabase() {
        SqlDialect.flyway(dataSource).locations(SharedMigrations.LEDGER).load().migrate();
    }

    boolean isH2() {
        return !store.isPostgres();
    }

    @Override
    public void close() {
        store.close();
    }
}
