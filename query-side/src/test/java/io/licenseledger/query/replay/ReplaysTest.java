package io.licenseledger.query.replay;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.service.LedgerSchemas;
import io.licenseledger.service.ReplayTokenTypes;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replay facility on a real Axon configuration without Spring: a pooled streaming processor, as the query side's, on an in-memory
 * ledger, its tokens in the query side's token table (H2), written by the services' Jackson 3 serializer.
 */
class ReplaysTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A read model that counts the events it saw; a reset empties it, as the projections' reset handlers do. */
    @ProcessingGroup("counting")
    static final class CountingProjection {
        final AtomicInteger handled = new AtomicInteger();
        final AtomicInteger resets = new AtomicInteger();
        volatile CountDownLatch replayGate = new CountDownLatch(0);

        @EventHandler
        void on(String event, org.axonframework.eventhandling.ReplayStatus replay) throws InterruptedException {
            if (replay.isReplay()) {
                replayGate.await(10, TimeUnit.SECONDS);
            }
            handled.incrementAndGet();
        }

        @ResetHandler
        void reset() {
            resets.incrementAndGet();
            handled.set(0);
        }
    }

    private final EventStore ledger = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final CountingProjection projection = new CountingProjection();
    private final TokenStore tokens = tokenTable();
    private Configuration axon;

    @AfterEach
    void shutDown() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void aReplayEmptiesEveryReadModelAndRebuildsItFromTheWholeLedger() {
        Replays replays = started(25);
        await(() -> projection.handled.get() == 25);

        ReplayProgress started = replays.start();

        assertThat(started.running()).isTrue();
        assertThat(started.startedAt()).isNotNull();
        assertThat(projection.resets.get()).isEqualTo(1);
        await(() -> !replays.status().running());
        assertThat(projection.handled.get()).as("counted once, not on top of the first pass").isEqualTo(25);
        ReplayProgress done = replays.status();
        assertThat(done.head()).isEqualTo(24);
        assertThat(done.processors()).singleElement().satisfies(processor -> {
            assertThat(processor.name()).isEqualTo("counting");
            assertThat(processor.position()).isEqualTo(24);
            assertThat(processor.percent()).isEqualTo(100.0);
        });
        assertThat(done.eventsPerSecond()).isPositive();
    }

    @Test
    void aReplayAskedForWhileTheProcessorIsStillStartingRebuildsToo() {
        Replays replays = started(25);

        replays.start();

        await(() -> !replays.status().running());
        assertThat(projection.handled.get()).isEqualTo(25);
    }

    @Test
    void aSecondReplayIsRefusedWhileOneRuns() {
        Replays replays = started(10);
        await(() -> projection.handled.get() == 10);
        projection.replayGate = new CountDownLatch(1);

        assertThat(replays.start().running()).isTrue();

        assertThatThrownBy(replays::start).isInstanceOfSatisfying(LedgerException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        projection.replayGate.countDown();
        await(() -> !replays.status().running());
        assertThat(projection.handled.get()).isEqualTo(10);
    }

    @Test
    void beforeAnyReplayTheStatusShowsWhereEachProcessorIs() {
        Replays replays = started(3);
        await(() -> projection.handled.get() == 3);

        ReplayProgress status = replays.status();

        assertThat(status.running()).isFalse();
        assertThat(status.startedAt()).isNull();
        assertThat(status.processors()).extracting(ReplayProgress.Processor::name).containsExactly("counting");
    }

    private Replays started(int events) {
        for (int i = 0; i < events; i++) {
            ledger.publish(new GenericDomainEventMessage<>("Test", "aggregate-1", i, "event-" + i));
        }
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEventStore(configuration -> ledger)
                .eventProcessing(processing -> processing
                        .registerPooledStreamingEventProcessor("counting", configuration -> ledger,
                                (configuration, builder) -> builder
                                        .initialToken(StreamableMessageSource::createTailToken)
                                        .initialSegmentCount(1)
                                        .batchSize(5))
                        .registerTokenStore("counting", configuration -> tokens)
                        .registerEventHandler(configuration -> projection))
                .start();
        return new Replays(axon.eventProcessingConfiguration(), ledger, Clock.systemUTC(),
                new DeadLetters(axon.eventProcessingConfiguration()));
    }

    /** The token table as the services use it. */
    private static TokenStore tokenTable() {
        DataSource dataSource = ReadModelDatabase.migrated().getDataSource();
        return JdbcTokenStore.builder()
                .connectionProvider(dataSource::getConnection)
                .serializer(Jackson3Serializer.builder().jsonMapperBuilderCustomizer(new ReplayTokenTypes()).build())
                .schema(LedgerSchemas.TOKENS)
                .build();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met within %s", WAIT).isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
