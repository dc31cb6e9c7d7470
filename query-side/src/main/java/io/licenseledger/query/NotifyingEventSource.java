package io.licenseledger.query;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event store as the query processor reads it, with streams that tell the processor when events arrive. Once
 * caught up, Axon's pooled processor looks at a stream that cannot (the JDBC store's) only every 500 ms, which put
 * 250 ms on average and up to half a second on every projection's lag. Each stream here gets a watcher thread that
 * waits on a second stream at the store's head and wakes the processor as soon as it sees an event (and every 500
 * ms otherwise). That costs no query of its own: the store fetches new events once for every stream at its head.
 * Streams that can tell by themselves (Axon Server's) are left to do so.
 */
public final class NotifyingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /**
     * With nothing new, the processor is still woken this often, as Axon's own polling does: that is when it marks
     * itself caught up, which the replay status reports.
     */
    private static final Duration IDLE_WAKE_UP = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(NotifyingEventSource.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Duration idleWakeUp;

    public NotifyingEventSource(StreamableMessageSource<TrackedEventMessage<?>> store) {
        this(store, IDLE_WAKE_UP);
    }

    NotifyingEventSource(StreamableMessageSource<TrackedEventMessage<?>> store, Duration idleWakeUp) {
        this.store = store;
        this.idleWakeUp = idleWakeUp;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NotifyingStream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Thread watcher;
        private volatile boolean closed;

        NotifyingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (delegate.setOnAvailableCallback(callback)) {
                return true;
            }
            Thread started = new Thread(() -> watchHead(callback), "ledger-head-watcher");
            started.setDaemon(true);
            watcher = started;
            started.start();
            return true;
        }

        private void watchHead(Runnable callback) {
            boolean failing = false;
            while (!closed) {
                try (BlockingStream<TrackedEventMessage<?>> head = store.openStream(store.createHeadToken())) {
                    failing = false;
                    while (!closed) {
                        if (head.hasNextAvailable((int) idleWakeUp.toMillis(), TimeUnit.MILLISECONDS)) {
                            while (head.hasNextAvailable()) {
                                head.nextAvailable();
                            }
                        }
                        callback.run();
                    }
                } catch (InterruptedException closing) {
                    return;
                } catch (RuntimeException e) {
                    if (!failing) {
                        log.warn("Could not watch the ledger's head for new events; trying again every {} ms",
                                idleWakeUp.toMillis(), e);
                    }
                    failing = true;
                    if (!pauseThenWake(callback)) {
                        return;
                    }
                }
            }
        }

        /** While the head cannot be watched, the processor is woken as often as Axon's own polling would. */
        private boolean pauseThenWake(Runnable callback) {
            try {
                Thread.sleep(idleWakeUp.toMillis());
            } catch (InterruptedException closing) {
                return false;
            }
            callback.run();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public Stream<TrackedEventMessage<?>> asStream() {
            return delegate.asStream();
        }

        @Override
        public void close() {
            closed = true;
            Thread running = watcher;
            if (running != null) {
                running.interrupt();
            }
            delegate.close();
        }
    }
}
