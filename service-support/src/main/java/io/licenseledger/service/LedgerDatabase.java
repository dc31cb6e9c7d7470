package io.licenseledger.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.h2.api.ErrorCode;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The database of the ledger itself: its events and what both services share with them (API tokens, the clock
 * offset). That is the service's own database, unless {@code ledger.event-store.url} names another one: on the
 * embedded store the query side keeps its read models and tokens in an H2 file of its own, where its commits stay out
 * of the command side's, and reads the ledger from the command side's file.
 */
public final class LedgerDatabase implements AutoCloseable {

    /** This service's history of the shared migrations in a ledger that is not its own database. */
    static final String HISTORY_TABLE = "schema_history_ledger";

    private static final int POOL_SIZE = 4;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final boolean serviceDatabase;

    private LedgerDatabase(DataSource dataSource, boolean serviceDatabase) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.serviceDatabase = serviceDatabase;
    }

    static LedgerDatabase serviceDatabase(DataSource dataSource) {
        return new LedgerDatabase(dataSource, true);
    }

    /** Opens the ledger at {@code url} and applies the shared migrations to it, in turn with the other service. */
    static LedgerDatabase separate(String url, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setExceptionOverride(new EvictBrokenH2Connections());
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway flyway = SqlDialect.flyway(dataSource)
                    .table(HISTORY_TABLE)
                    .locations(SharedMigrations.LEDGER)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .outOfOrder(true)
                    .load();
            SharedMigrations.migrateInTurn(url, flyway);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new LedgerDatabase(dataSource, false);
    }

    /**
     * H2 reports a lost server (the command side restarted) with its own codes, not the SQL states by which the pool
     * knows a dead connection; without this the pool would hand out the dead ones forever.
     */
    static final class EvictBrokenH2Connections implements SQLExceptionOverride {

        @java.lang.Override
        public Override adjudicate(SQLException e) {
            return e.getErrorCode() == ErrorCode.CONNECTION_BROKEN_1
                    || e.getErrorCode() == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
                    ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Whether the ledger is the service's own database, so that its writes share the service's transactions. */
    public boolean isServiceDatabase() {
        return serviceDatabase;
    }

    @Override
    public void close() {
        if (!serviceDatabase && dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
