package io.licenseledger.command;

import io.licenseledger.service.testing.PreviousStore;
import io.licenseledger.service.testing.ServiceMigrations;
import io.licenseledger.service.testing.StoreContents;
import io.licenseledger.service.testing.TestStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store that the last build with one set of migrations per dialect left, started with the per-table migrations:
 * every row is kept, the schema is the one it had (which the migrations also make on a new store), and the command
 * side's new history starts from a baseline, next to the previous one.
 */
class CommandSchemaUpgradeTest {

    @Test
    void theLedgerFileOfThePerDialectMigrationsKeepsEveryRowAndItsSchema() {
        try (TestStore store = TestStore.h2(); TestStore fresh = TestStore.h2()) {
            theStoreUpgrades(store, fresh);
        }
    }

    @Test
    void thePostgresSchemaOfThePerDialectMigrationsKeepsEveryRowAndItsSchema() {
        try (TestStore store = TestStore.postgres(TestStore.LOCAL_POSTGRES);
             TestStore fresh = TestStore.postgres(TestStore.LOCAL_POSTGRES)) {
            theStoreUpgrades(store, fresh);
        }
    }

    private static void theStoreUpgrades(TestStore store, TestStore fresh) {
        PreviousStore.ledger(store);
        StoreContents before = StoreContents.of(store);

        ServiceMigrations.migrate(store);
        ServiceMigrations.migrate(store);

        StoreContents after = StoreContents.of(store);
        assertThat(after.only(before.tables())).isEqualTo(before);
        assertThat(StoreContents.history(store, "schema_history_command")).containsExactly("1 BASELINE", "1.01 SQL",
                "1.02 JDBC", "1.10 SQL");
        assertThat(StoreContents.history(store, "flyway_history_command")).hasSize(7);

        ServiceMigrations.migrate(fresh);
        StoreContents created = StoreContents.of(fresh);
        assertThat(created.tables()).contains("domain_event_entry", "token_entry", "alert_delivery_attempt")
                .isSubsetOf(after.tables());
        assertThat(created.generatedNamesMasked().schema())
                .isEqualTo(after.only(created.tables()).generatedNamesMasked().schema());
        if (!store.isPostgres()) {
            assertThat(created.tables()).isEqualTo(after.tables());
        }
    }
}
