package io.licenseledger.service;

import io.licenseledger.service.testing.PreviousStore;
import io.licenseledger.service.testing.StoreContents;
import io.licenseledger.service.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query side's view of a ledger file that the last build with per-dialect migrations left. */
class PerDialectHistoryTest {

    private final TestStore store = TestStore.h2();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aLedgerOfThePerDialectMigrationsOpensWithEveryRowAndItsSchemaAndANewHistoryFromTheBaseline() {
        PreviousStore.ledger(store);
        StoreContents before = StoreContents.of(store);
        List<String> previousHistory = StoreContents.history(store, "flyway_history_ledger");

        LedgerDatabase.separate(store.url(), "sa", "").close();

        assertThat(StoreContents.of(store).only(before.tables())).isEqualTo(before);
        assertThat(StoreContents.of(store).tables()).as("the migrations numbered above the baseline, applied")
                .contains("ledger_chain", "ledger_chain_head", "ledger_checkpoint");
        assertThat(StoreContents.history(store, LedgerDatabase.HISTORY_TABLE))
                .containsExactly("1 BASELINE", "1.01 SQL", "1.02 JDBC");
        assertThat(StoreContents.history(store, "flyway_history_ledger")).as("the previous history, kept")
                .isEqualTo(previousHistory).containsExactly("0 BASELINE", "0.1 SQL", "0.2 SQL", "0.3 SQL", "0.4 SQL");
    }

    @Test
    void aLedgerWhosePreviousHistoryLacksAMigrationOfTheLastPerDialectBuildIsRefusedAndLeftAsItWas() {
        PreviousStore.ledger(store);
        store.jdbc().update("DELETE FROM \"flyway_history_ledger\" WHERE \"version\" = '0.4'");
        StoreContents before = StoreContents.of(store);

        assertThatThrownBy(() -> LedgerDatabase.separate(store.url(), "sa", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("flyway_history_ledger lacks versions [0.4]");
        assertThat(StoreContents.of(store)).isEqualTo(before);
    }

    @Test
    void aLedgerWhosePreviousHistoryRecordsAFailedMigrationIsRefused() {
        PreviousStore.ledger(store);
        store.jdbc().update("UPDATE \"flyway_history_ledger\" SET \"success\" = FALSE WHERE \"version\" = '0.4'");

        assertThatThrownBy(() -> LedgerDatabase.separate(store.url(), "sa", ""))
                .hasMessageContaining("flyway_history_ledger records a failed migration");
    }
}
