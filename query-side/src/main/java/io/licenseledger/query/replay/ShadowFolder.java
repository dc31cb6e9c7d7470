package io.licenseledger.query.replay;

import io.licenseledger.query.BatchedWrites;
import io.licenseledger.query.EventIsolation;
import io.licenseledger.query.ShadowTables;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Folds the ledger into the shadow tables for one rebuild ({@link Replays}): hands chunks of events to the
 * projections, writing into the shadows, and keeps the events it parks, as the processor parks them.
 */
final class ShadowFolder {

    /** Parked events beyond which a rebuild stops rather than replace the read models with mostly parked ones. */
    static final int PARKED_LIMIT = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ShadowFolder.class);
    private static final int PAGE = 1_000;
    private static final int AHEAD_PAGES = 4;

    private final RebuildRun run;
    private final LedgerPages ledger;
    private final int chunkEvents;
    private final ShadowTables shadow = new ShadowTables();
    private final SimpleEventHandlerInvoker handlers;
    private final SpringTransactionManager transaction;
    private final Clock clock;
    private final Map<String, List<DeadLetter<EventMessage<?>>>> parked = new LinkedHashMap<>();
    private int parkedEvents;

    ShadowFolder(RebuildRun run, LedgerPages ledger, int chunkEvents, SimpleEventHandlerInvoker handlers,
                 PlatformTransactionManager transactions, Clock clock) {
        this.run = run;
        this.ledger = ledger;
        this.chunkEvents = chunkEvents;
        this.handlers = handlers;
        this.transaction = new SpringTransactionManager(transactions);
        this.clock = clock;
    }

    /**
     * Folds every event after {@code token} up to the ledger's head into the shadows: a reader thread reads and
     * deserializes pages, this thread folds them in chunks. Returns the token of the last event folded.
     */
    TrackingToken foldAfter(TrackingToken token) throws InterruptedException {
        return foldStream(() -> ledger.after(token), token, null);
    }

    /**
     * Folds the events of {@code source} (opened by a reader thread, which deserializes them a few pages ahead) in
     * chunks, into the shadows, or into the rows {@code held} when given.
     */
    TrackingToken foldStream(Supplier<Stream<? extends TrackedEventMessage<?>>> source, TrackingToken token,
                             BatchedWrites.Held held) throws InterruptedException {
        // A few pages ahead: the events read are held until their chunk commits, and the heap is 256 MB.
        BlockingQueue<List<TrackedEventMessage<?>>> pages = new ArrayBlockingQueue<>(AHEAD_PAGES);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (Stream<? extends TrackedEventMessage<?>> events = source.get()) {
                List<TrackedEventMessage<?>> page = new ArrayList<>(PAGE);
                for (var iterator = events.iterator(); iterator.hasNext(); ) {
                    long readStart = System.nanoTime();
                    TrackedEventMessage<?> event = deserialized(iterator.next(), held == null);
                    run.readNanos += System.nanoTime() - readStart;
                    page.add(event);
                    if (page.size() == PAGE) {
                        pages.put(page);
                        page = new ArrayList<>(PAGE);
                    }
                }
                pages.put(page);
                pages.put(List.of());
            } catch (Throwable failure) {
                readFailure.set(failure);
                try {
                    pages.put(List.of());
                } catch (InterruptedException folderGone) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "read-model-rebuild-reader");
        reader.setDaemon(true);
        reader.start();
        TrackingToken reached = token;
        List<TrackedEventMessage<?>> chunk = new ArrayList<>();
        try {
            while (true) {
                List<TrackedEventMessage<?>> page = pages.take();
                if (page.isEmpty()) {
                    break;
                }
                chunk.addAll(page);
                if (chunk.size() >= chunkEvents) {
                    reached = timedFold(chunk, reached, held);
                    chunk = new ArrayList<>();
                }
            }
            if (readFailure.get() != null) {
                throw new IllegalStateException("reading the ledger failed", readFailure.get());
            }
            return timedFold(chunk, reached, held);
        } finally {
            reader.interrupt();
        }
    }

    private TrackingToken timedFold(List<TrackedEventMessage<?>> chunk, TrackingToken reached,
                                    BatchedWrites.Held held) {
        long foldStart = System.nanoTime();
        try {
            return fold(chunk, reached, held);
        } finally {
            run.foldNanos += System.nanoTime() - foldStart;
        }
    }

    /**
     * The event with its payload and metadata deserialized, without the serialized form the ledger's message keeps
     * beside them (which would double what a chunk holds in memory). No projection reads metadata: only a dead letter
     * keeps it, and a partition's events held in memory are never parked (a partition that fails is read again).
     */
    private static TrackedEventMessage<?> deserialized(TrackedEventMessage<?> event, boolean withMetaData) {
        GenericMessage<?> message = new GenericMessage<>(event.getIdentifier(), event.getPayload(),
                withMetaData ? event.getMetaData() : MetaData.emptyInstance());
        Instant timestamp = event.getTimestamp();
        return event instanceof DomainEventMessage<?> domain
                ? new GenericTrackedDomainEventMessage<>(event.trackingToken(), domain.getType(),
                domain.getAggregateIdentifier(), domain.getSequenceNumber(), message, () -> timestamp)
                : new GenericTrackedEventMessage<>(event.trackingToken(), message, () -> timestamp);
    }

    /** Writes the rows a partition held into the shadows. */
    void write(BatchedWrites.Held held) {
        held.writeInto(shadow);
    }

    int parkedEvents() {
        return parkedEvents;
    }

    /** Puts the events parked by the rebuild into the dead-letter queue, in the order they were parked. */
    void enqueueParked(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        parked.forEach((sequence, letters) -> letters.forEach(letter -> queue.enqueue(sequence, letter)));
    }

    private TrackingToken fold(List<TrackedEventMessage<?>> chunk, TrackingToken reached, BatchedWrites.Held held) {
        if (chunk.isEmpty()) {
            return reached;
        }
        List<EventMessage<?>> handled = new ArrayList<>(chunk.size());
        for (TrackedEventMessage<?> event : chunk) {
            String sequence = sequenceOf(event);
            if (parked.containsKey(sequence)) {
                park(sequence, event, null);
            } else {
                handled.add(event);
            }
        }
        if (held == null) {
            foldTogether(handled);
        } else {
            inOneUnitOfWork(handled, held);
        }
        run.events += chunk.size();
        if (held != null) {
            // A partition's events are in ledger order per project only: progress counts them.
            run.position = Math.max(run.position, run.events);
            return reached;
        }
        TrackedEventMessage<?> last = chunk.get(chunk.size() - 1);
        run.position = last.trackingToken().position().orElse(run.position);
        return last.trackingToken();
    }

    private void foldTogether(List<EventMessage<?>> events) {
        for (int attempt = 1; ; attempt++) {
            try {
                inOneUnitOfWork(events, null);
                return;
            } catch (RuntimeException failure) {
                if (!EventIsolation.retryCures(failure) || attempt == 3) {
                    log.warn("Rebuild: a chunk of {} events failed ({}); folding it again one event at a time",
                            events.size(), failure.toString());
                    foldOneByOne(events);
                    return;
                }
            }
        }
    }

    private void foldOneByOne(List<EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            String sequence = sequenceOf(event);
            if (parked.containsKey(sequence)) {
                park(sequence, event, null);
                continue;
            }
            try {
                inOneUnitOfWork(List.of(event), null);
            } catch (RuntimeException failure) {
                park(sequence, event, failure);
            }
        }
    }

    private void inOneUnitOfWork(List<EventMessage<?>> events, BatchedWrites.Held held) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        if (held == null) {
            unitOfWork.attachTransaction(transaction);
        } else {
            unitOfWork.resources().put(BatchedWrites.HELD, held);
        }
        unitOfWork.resources().put(BatchedWrites.SHADOW, shadow);
        unitOfWork.executeWithResult(() -> {
            handlers.handle(unitOfWork.getMessage(), Segment.ROOT_SEGMENT);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (unitOfWork.getExecutionResult().isExceptionResult()) {
            Throwable failure = unitOfWork.getExecutionResult().getExceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    private void park(String sequence, EventMessage<?> event, Throwable cause) {
        if (++parkedEvents > PARKED_LIMIT) {
            throw new IllegalStateException("more than " + PARKED_LIMIT + " events could not be handled; "
                    + "the rebuild stops and the live read models are kept");
        }
        if (cause != null) {
            log.warn("Rebuild: parking event {} ({}) of {}: {}", event.getIdentifier(),
                    event.getPayloadType().getSimpleName(), sequence, cause.toString());
        }
        parked.computeIfAbsent(sequence, key -> new ArrayList<>()).add(cause == null
                ? new GenericDeadLetter<>(sequence, event)
                : new GenericDeadLetter<>(sequence, event, ThrowableCause.truncated(cause,
                EventIsolation.CAUSE_LENGTH), clock.instant(), clock.instant(),
                MetaData.emptyInstance()));
    }

    private String sequenceOf(EventMessage<?> event) {
        Object sequence = SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        return String.valueOf(sequence);
    }
}
