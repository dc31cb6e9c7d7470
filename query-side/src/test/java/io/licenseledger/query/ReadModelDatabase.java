package io.licenseledger.query;

import io.licenseledger.service.SharedMigrations;
import io.licenseledger.service.SqlDialect;
import io.licenseledger.service.testing.TestStore;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** A fresh database with the query side's migrations applied, for projection tests without Spring. */
public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    /** In-memory H2, with the ledger's tables beside the read models, as on PostgreSQL. */
    public static JdbcTemplate migrated() {
        return migrated(TestStore.h2());
    }

    /**
     * A fresh schema in the local PostgreSQL server's {@code test} database. Without a server the test is skipped
     * (and says so), except on CI, which must prove the PostgreSQL path.
     */
    public static JdbcTemplate migratedPostgres() {
        return migrated(TestStore.postgres(TestStore.LOCAL_POSTGRES));
    }

    /** The read models and the processor's tokens alone, as in the query side's own H2 file. */
    public static void migrateReadModels(DataSource dataSource) {
        SqlDialect.flyway(dataSource).locations(SharedMigrations.TRACKING, "classpath:db/query").load().migrate();
    }

    private static JdbcTemplate migrated(TestStore store) {
        SqlDialect.flyway(store.dataSource())
                .locations(SharedMigrations.LEDGER, SharedMigrations.TRACKING, "classpath:db/query")
                .load()
                .migrate();
        return store.jdbc();
    }
}
