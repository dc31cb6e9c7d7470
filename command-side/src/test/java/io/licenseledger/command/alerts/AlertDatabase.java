package io.licenseledger.command.alerts;

import io.licenseledger.command.CommandSideSchema;
import io.licenseledger.service.testing.TestStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * A fresh database with the command side's migrations, for tests without Spring: in-memory H2, or, with
 * {@code -Dledger.alerts.pgUrl=jdbc:postgresql://host:port/db} (user postgres), a schema of its own on PostgreSQL.
 */
final class AlertDatabase {

    private final TestStore store = TestStore.h2Or(System.getProperty("ledger.alerts.pgUrl"));
    final DataSource dataSource = store.dataSource();
    final JdbcTemplate jdbc = store.jdbc();
    final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    AlertDatabase() {
        CommandSideSchema.migrate(dataSource);
    }

    void close() {
        store.close();
    }
}
