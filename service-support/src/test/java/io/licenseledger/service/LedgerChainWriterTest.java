package io.licenseledger.service;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.service.testing.ChainCheck;
import io.licenseledger.service.testing.PreviousStore;
import io.licenseledger.service.testing.TestStore;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's hash chain as the appending service writes it: at append, at start-up, and its checkpoints. */
class LedgerChainWriterTest {

    private static final Ed25519PrivateKey LEDGER_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T20:00:00.123Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "postgres={0}")
    @ValueSource(booleans = {false, true})
    void eachAppendIsChainedAsStoredInTheOrderOfItsGlobalIndexes(boolean postgres) {
        try (TestStore store = store(postgres); ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 1000)) {
            ledger.append(events("p-1", 0, 3));
            ledger.append(events("p-2", 0, 1));
            ledger.append(events("p-1", 3, 2));

            List<Long> chained = ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey());

            assertThat(chained).containsExactlyElementsOf(store.jdbc().queryForList(
                    "SELECT global_index FROM domain_event_entry ORDER BY global_index", Long.class));
            assertThat(chained).hasSize(6);
        }
    }

    @Test
    void aRolledBackUnitOfWorkLeavesNeitherEventsNorChainRows() {
        try (TestStore store = TestStore.h2(); ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 1)) {
            ledger.append(events("p-1", 0, 2));

            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(ledger.axonTransactions);
            ledger.engine.appendEvents(events("p-1", 2, 3));
            assertThat(ledger.count("SELECT COUNT(*) FROM ledger_chain")).as("inside the unit of work")
                    .isEqualTo(5);
            unitOfWork.rollback();

            assertThat(ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey())).hasSize(2);
            assertThat(LedgerCheckpoints.all(store.jdbc())).extracting(Checkpoint::position)
                    .containsExactly(2L);
        }
    }

    @ParameterizedTest(name = "postgres={0}")
    @ValueSource(booleans = {false, true})
    void concurrentAppendsFromManyThreadsMakeOneGaplessChain(boolean postgres) throws Exception {
        try (TestStore store = store(postgres); ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 25)) {
            appendConcurrently(List.of(ledger), 8, 40);

            assertThat(ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey())).hasSize(8 * 40 * 2);
            assertThat(LedgerCheckpoints.all(store.jdbc())).hasSizeGreaterThanOrEqualTo(640 / 25 / 2);
        }
    }

    @Test
    void twoInstancesOnOnePostgresStoreExtendOneChain() throws Exception {
        try (TestStore store = TestStore.postgres(TestStore.LOCAL_POSTGRES);
             ChainedLedger first = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 50);
             ChainedLedger second = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 50)) {
            appendConcurrently(List.of(first, second), 8, 40);

            assertThat(ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey())).hasSize(8 * 40 * 2);
        }
    }

    @Test
    void anAppendThatTakesTheChainPastAMultipleOfTheIntervalSignsACheckpointAtItsEnd() {
        try (TestStore store = TestStore.h2(); ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 5)) {
            ledger.append(events("p-1", 0, 4));
            ledger.append(events("p-1", 4, 3));
            ledger.append(events("p-1", 7, 2));
            ledger.append(events("p-1", 9, 1));

            ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey());
            List<Checkpoint> checkpoints = LedgerCheckpoints.all(store.jdbc());
            assertThat(checkpoints).extracting(Checkpoint::position).containsExactly(7L, 10L);
            assertThat(checkpoints).allSatisfy(checkpoint -> {
                assertThat(checkpoint.genesis()).isFalse();
                assertThat(checkpoint.keyId()).isEqualTo(LEDGER_KEY.keyId());
                assertThat(checkpoint.signedAt()).isEqualTo(CLOCK.instant());
            });
        }
    }

    @Test
    void aTimedCheckpointIsSignedOnlyWhenTheChainMovedSinceTheLatest() {
        try (TestStore store = TestStore.h2(); ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 1000)) {
            assertThat(ledger.checkpointIfMoved()).isEmpty();
            ledger.append(events("p-1", 0, 3));

            assertThat(ledger.checkpointIfMoved()).map(Checkpoint::position).hasValue(3L);
            assertThat(ledger.checkpointIfMoved()).isEmpty();
            ledger.append(events("p-1", 3, 1));
            assertThat(ledger.checkpointIfMoved()).map(Checkpoint::position).hasValue(4L);

            ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey());
            assertThat(LedgerCheckpoints.latest(store.jdbc())).map(Checkpoint::position).hasValue(4L);
        }
    }

    @ParameterizedTest(name = "postgres={0}")
    @ValueSource(booleans = {false, true})
    void theEventsOfAStoreOlderThanTheChainAreChainedAtStartUpUnderAGenesisCheckpoint(boolean postgres) {
        try (TestStore store = store(postgres)) {
            PreviousStore.ledger(store);
            long events = store.jdbc().queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
            try (ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 1000)) {
                assertThat(ledger.catchUp(2)).isEqualTo(events);
                ledger.append(events("p-new", 0, 2));
                assertThat(ledger.catchUp(2)).isZero();

                assertThat(ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey())).hasSize((int) events + 2);
                assertThat(LedgerCheckpoints.all(store.jdbc()))
                        .extracting(Checkpoint::position, Checkpoint::genesis).containsExactly(
                                org.assertj.core.groups.Tuple.tuple(events, true));
            }
        }
    }

    @Test
    void rowsWrittenBehindTheServicesBackAreChainedAfterTheOthersInTheOrderOfTheirGlobalIndexes() {
        try (TestStore store = TestStore.h2(); ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 1000)) {
            ledger.append(events("p-1", 0, 3));
            for (int i = 0; i < 23; i++) {
                insertBehindTheBack(store.jdbc(), "p-behind", i);
            }
            ledger.append(events("p-1", 3, 2));

            assertThat(ledger.catchUp(5)).isEqualTo(23);

            List<Long> chained = ChainCheck.assertIntactAndComplete(store.jdbc(), LEDGER_KEY.publicKey());
            assertThat(chained.subList(5, 28)).isSorted();
            assertThat(LedgerCheckpoints.all(store.jdbc())).singleElement()
                    .satisfies(genesis -> assertThat(genesis.position()).isEqualTo(28))
                    .satisfies(genesis -> assertThat(genesis.genesis()).isTrue());
        }
    }

    @ParameterizedTest(name = "postgres={0}")
    @ValueSource(booleans = {false, true})
    void theStoreRefusesToUpdateOrDeleteAnEvent(boolean postgres) {
        try (TestStore store = store(postgres); ChainedLedger ledger = new ChainedLedger(store.url(), store.user(), LEDGER_KEY, CLOCK, 1000)) {
            ledger.append(events("p-1", 0, 2));
            JdbcTemplate jdbc = store.jdbc();
            List<String> before = jdbc.queryForList("SELECT payload_type || time_stamp || event_identifier"
                    + " FROM domain_event_entry ORDER BY global_index", String.class);

            assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00Z'"))
                    .hasMessageContaining("append-only").hasMessageContaining("UPDATE");
            assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE sequence_number = 1"))
                    .hasMessageContaining("append-only").hasMessageContaining("DELETE");
            assertThatThrownBy(() -> jdbc.execute("TRUNCATE TABLE domain_event_entry"));

            assertThat(jdbc.queryForList("SELECT payload_type || time_stamp || event_identifier"
                    + " FROM domain_event_entry ORDER BY global_index", String.class)).isEqualTo(before).hasSize(2);
            ChainCheck.assertIntactAndComplete(jdbc, LEDGER_KEY.publicKey());
        }
    }

    private static TestStore store(boolean postgres) {
        return postgres ? TestStore.postgres(TestStore.LOCAL_POSTGRES) : TestStore.h2();
    }

    private static List<EventMessage<?>> events(String aggregate, long firstSequence, int count) {
        return LongStream.range(firstSequence, firstSequence + count)
                .<EventMessage<?>>mapToObj(sequence -> new GenericDomainEventMessage<>("Test", aggregate, sequence,
                        "payload é " + aggregate + " " + sequence))
                .toList();
    }

    private static void appendConcurrently(List<ChainedLedger> instances, int threads, int appendsEach)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> appends = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ChainedLedger ledger = instances.get(t % instances.size());
                String aggregate = "p-" + t;
                appends.add(pool.submit(() -> IntStream.range(0, appendsEach)
                        .forEach(i -> ledger.append(events(aggregate, 2L * i, 2)))));
            }
            for (Future<?> append : appends) {
                append.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void insertBehindTheBack(JdbcTemplate jdbc, String aggregate, long sequence) {
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload, meta_data) VALUES (?, ?, ?, 'Test', ?, 'java.lang.String',"
                        + " ?, ?)", UUID.randomUUID().toString(), aggregate, sequence, "2026-12-07T19:00:00Z",
                "\"written behind the back\"".getBytes(), "{}".getBytes());
    }
}
