package io.licenseledger.command.audit;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.service.LedgerApplications;
import io.licenseledger.service.LedgerCheckpoints;
import io.licenseledger.service.testing.ChainCheck;
import io.licenseledger.service.testing.PreviousStore;
import io.licenseledger.service.testing.TestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side started on a store the last per-dialect build left (made before the chain): by the time its context
 * is up, and so before it reports ready, every event is chained under a genesis checkpoint signed by the ledger key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerChainStartUpTest {

    private static final TestStore STORE = TestStore.h2();

    static {
        LedgerApplications.disableAxonUpdateChecker();
        PreviousStore.ledger(STORE);
        // The dump's lease key row is a placeholder, not a key; a real store's is read as it is.
        STORE.jdbc().update("DELETE FROM server_signing_key");
    }

    @DynamicPropertySource
    static void previousStore(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", STORE::url);
        registry.add("ledger.embedded-store.serve", () -> false);
        registry.add("ledger.data-dir", () -> Path.of("target", "chain-start-up", UUID.randomUUID().toString())
                .toAbsolutePath().toString());
        registry.add("ledger.admin-token", () -> "chain-start-up-admin-token-0123456789");
        registry.add("ledger.preload.projects", () -> 0);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerKey ledgerKey;

    @AfterAll
    static void dropStore() {
        STORE.close();
    }

    @Test
    void theEventsOfAStoreOlderThanTheChainAreChainedAtStartUpUnderAGenesisCheckpoint() {
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);

        assertThat(ChainCheck.assertIntactAndComplete(jdbc, Ed25519PublicKey.fromJwk(ledgerKey.publishedJwk())))
                .hasSize((int) events).isNotEmpty();
        assertThat(LedgerCheckpoints.all(jdbc)).singleElement().satisfies(genesis -> {
            assertThat(genesis.genesis()).isTrue();
            assertThat(genesis.position()).isEqualTo(events);
        }).extracting(Checkpoint::keyId).isEqualTo(ledgerKey.publishedJwk().get("kid"));
    }
}
