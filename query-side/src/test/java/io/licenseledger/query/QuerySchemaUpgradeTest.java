package io.licenseledger.query;

import io.licenseledger.service.testing.PreviousStore;
import io.licenseledger.service.testing.ServiceMigrations;
import io.licenseledger.service.testing.StoreContents;
import io.licenseledger.service.testing.TestStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store that the last build with one set of migrations per dialect left, started with the per-table migrations:
 * every row is kept, the schema is the one it had (which the migrations also make on a new store, and which a rebuild
 * copies from the database), and the query side's new history starts from a baseline, next to the previous one.
 */
class QuerySchemaUpgradeTest {

    @Test
    void theReadModelFileOfThePerDialectMigrationsKeepsEveryRowAndItsSchema() {
        try (TestStore store = TestStore.h2(); TestStore fresh = TestStore.h2()) {
            theStoreUpgrades(store, fresh);
            assertThat(StoreContents.of(fresh).tables()).isEqualTo(StoreContents.of(store).tables());
        }
    }

    @Test
    void thePostgresSchemaOfThePerDialectMigrationsKeepsEveryRowAndItsSchema() {
        try (TestStore store = TestStore.postgres(TestStore.LOCAL_POSTGRES);
             TestStore fresh = TestStore.postgres(TestStore.LOCAL_POSTGRES)) {
            theStoreUpgrades(store, fresh, "postgres");
        }
    }

    private static void theStoreUpgrades(TestStore store, TestStore fresh, String... profiles) {
        PreviousStore.readModels(store);
        StoreContents before = StoreContents.of(store);

        ServiceMigrations.migrate(store, profiles);
        ServiceMigrations.migrate(store, profiles);

        StoreContents after = StoreContents.of(store);
        assertThat(after.only(before.tables())).isEqualTo(before);
        assertThat(StoreContents.history(store, "schema_history_query")).as("the ledger's later migrations, on the"
                + " one PostgreSQL schema").containsExactly(profiles.length == 0 ? new String[]{"1 BASELINE"}
                : new String[]{"1 BASELINE", "1.01 SQL", "1.02 JDBC"});
        assertThat(StoreContents.history(store, "flyway_history_query")).contains("4 SQL");

        ServiceMigrations.migrate(fresh, profiles);
        StoreContents created = StoreContents.of(fresh);
        assertThat(created.tables()).contains("token_entry", "qry_item_seat", "dead_letter_entry")
                .isSubsetOf(after.tables());
        assertThat(created.generatedNamesMasked().schema())
                .isEqualTo(after.only(created.tables()).generatedNamesMasked().schema());
    }
}
