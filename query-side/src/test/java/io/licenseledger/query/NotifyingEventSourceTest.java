package io.licenseledger.query;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyingEventSourceTest {

    private static final String WATCHER = "ledger-head-watcher";

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aCaughtUpReaderIsWokenWhenAnEventIsAppended() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        NotifyingEventSource source = new NotifyingEventSource(store, Duration.ofHours(1));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(stream.setOnAvailableCallback(woken::countDown)).isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();

            // the watcher may open its stream at the head just after an append; the next one wakes it then
            for (int attempt = 0; attempt < 50 && woken.getCount() > 0; attempt++) {
                store.publish(GenericEventMessage.asEventMessage("event " + attempt));
                woken.await(100, TimeUnit.MILLISECONDS);
            }

            assertThat(woken.getCount()).isZero();
            // the reader's stream is fed by the store's own producer, a moment after the watcher's may be
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("event 0");
        }
    }

    @Test
    void withNothingNewTheReaderIsStillWokenNowAndThenToNoticeItIsCaughtUp() throws Exception {
        CountDownLatch woken = new CountDownLatch(3);
        NotifyingEventSource source = new NotifyingEventSource(store, Duration.ofMillis(20));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            stream.setOnAvailableCallback(woken::countDown);

            assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();
        }
    }

    @Test
    void whileTheHeadCannotBeWatchedTheReaderIsStillWokenAndTheWatcherTriesAgain() throws Exception {
        AtomicInteger headTokens = new AtomicInteger();
        StreamableMessageSource<TrackedEventMessage<?>> failingTwice = new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                return store.openStream(trackingToken);
            }

            @Override
            public TrackingToken createTailToken() {
                return store.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                if (headTokens.incrementAndGet() <= 2) {
                    throw new IllegalStateException("the ledger is not reachable");
                }
                return store.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(java.time.Instant dateTime) {
                return store.createTokenAt(dateTime);
            }
        };
        CountDownLatch woken = new CountDownLatch(2);
        NotifyingEventSource source = new NotifyingEventSource(failingTwice, Duration.ofMillis(20));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            stream.setOnAvailableCallback(woken::countDown);

            assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
            for (int wait = 0; wait < 50 && headTokens.get() < 3; wait++) {
                Thread.sleep(100);
            }
            assertThat(headTokens.get()).isEqualTo(3);
        }
    }

    @Test
    void closingTheStreamStopsItsWatcher() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new NotifyingEventSource(store).openStream(null);
        stream.setOnAvailableCallback(() -> { });
        assertThat(watcherRunning()).isTrue();

        stream.close();

        for (int wait = 0; wait < 50 && watcherRunning(); wait++) {
            Thread.sleep(100);
        }
        assertThat(watcherRunning()).isFalse();
    }

    @Test
    void aStreamThatCanTellByItselfIsLeftToDoSo() {
        BlockingStream<TrackedEventMessage<?>> stream =
                new NotifyingEventSource(sourceOf(new StreamWithCallbacks())).openStream(null);

        assertThat(stream.setOnAvailableCallback(() -> { })).isTrue();
        assertThat(watcherRunning()).isFalse();
        stream.close();
    }

    private static boolean watcherRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(WATCHER) && thread.isAlive());
    }

    private static StreamableMessageSource<TrackedEventMessage<?>> sourceOf(
            BlockingStream<TrackedEventMessage<?>> stream) {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                return stream;
            }

            @Override
            public TrackingToken createTailToken() {
                return null;
            }

            @Override
            public TrackingToken createHeadToken() {
                return null;
            }

            @Override
            public TrackingToken createTokenAt(java.time.Instant dateTime) {
                return null;
            }
        };
    }

    /** Like Axon Server's streams: it calls back on its own. */
    private static final class StreamWithCallbacks implements BlockingStream<TrackedEventMessage<?>> {

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return false;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            throw new IllegalStateException("no events");
        }

        @Override
        public void close() {
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return true;
        }
    }
}
