package io.licenseledger.query.replay;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.query.BatchedWrites;
import io.licenseledger.query.ProjectionConfiguration;
import io.licenseledger.query.ShadowTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds every read model from the ledger (rule AU4) beside the live ones, which keep serving and following the
 * ledger until the rebuilt ones replace them:
 * <ol>
 * <li>empty shadow copies of the read-model tables are created ({@link ShadowSchema});</li>
 * <li>one thread reads the ledger in large pages and deserializes it; another hands the events to the query
 * processor's own handlers, so the projections' rules stay in one place, in chunks of tens of thousands of events, each
 * one unit of work whose {@link BatchedWrites} keep the chunk's rows in memory and write them into the shadows at its
 * commit ({@link ShadowTables});</li>
 * <li>the events appended meanwhile are folded the same way while the live processor still runs; then it is stopped,
 * the last events are folded, and in one short transaction the shadows take the live tables' place, the dead-letter
 * queue takes the rebuild's dead letters and the processor's token takes the position the rebuild reached; the
 * processor is started again and goes on from there.</li>
 * </ol>
 * Dead letters: every event is handled again, as by the processor. A chunk that fails is rolled back and folded again
 * one event at a time; an event that still fails is parked with its project's later events, as the processor parks
 * them, and at the swap these replace whatever the queue held (the live read models' dead letters go with them). More
 * than {@link ShadowFolder#PARKED_LIMIT} parked events abort the rebuild: the live read models are kept. A failed
 * rebuild drops its shadows and leaves the live read models, dead letters and token as they were.
 * Meant for one query-side instance: another instance holding a segment of the processor would keep its token.
 */
@Component
class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);
    private static final String GROUP = ProjectionConfiguration.PROCESSING_GROUP;
    private static final int CATCH_UP_ROUNDS = 5;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final LedgerPages ledger;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final TokenStore tokens;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final int chunkEvents;
    private final ObjectProvider<LedgerPartitions.Planner> partitions;
    private volatile RebuildRun current;

    @Autowired
    Replays(EventProcessingConfiguration processing, EventStore eventStore, LedgerPages ledger, JdbcTemplate jdbc,
            PlatformTransactionManager transactions, TokenStore tokens, DeadLetters deadLetters, Clock clock,
            @Value("${ledger.rebuild.chunk-events:10000}") int chunkEvents,
            ObjectProvider<LedgerPartitions.Planner> partitions) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.chunkEvents = chunkEvents;
        this.partitions = partitions;
    }

    /** Starts a rebuild on a thread of its own; refused while one runs. */
    synchronized ReplayProgress start() {
        if (current != null && current.running()) {
            throw new LedgerException(ErrorCode.INVALID_TRANSITION, "a rebuild is already running");
        }
        RebuildRun run = new RebuildRun(clock.instant(), System.nanoTime(), head());
        current = run;
        Thread thread = new Thread(() -> rebuild(run), "read-model-rebuild");
        thread.setDaemon(true);
        thread.start();
        return status();
    }

    ReplayProgress status() {
        RebuildRun run = current;
        List<ReplayProgress.Processor> processors = new ArrayList<>();
        long head = head();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.add(progressOf(name, streaming, head));
            }
        });
        DeadLetters.Summary parked = deadLetters.summary();
        if (run == null) {
            return new ReplayProgress(false, "IDLE", null, 0, 0, head, 0, 0, null, null, processors, parked);
        }
        double elapsed = ((run.finishedNanos != 0 ? run.finishedNanos : System.nanoTime()) - run.startedNanos) / 1e9;
        double rate = elapsed > 0 ? run.events / elapsed : 0;
        Double eta = run.running() && rate > 0 ? Math.max(0, (run.targetHead - run.position) / rate) : null;
        return new ReplayProgress(run.running(), run.phase, run.startedAt, elapsed, run.position, run.targetHead,
                run.events, rate, eta, run.failure, processors, parked);
    }

    /** Waits for the rebuild started last to end; for tests. */
    ReplayProgress awaitEnd(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (current != null && current.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return status();
    }

    private void rebuild(RebuildRun run) {
        StreamingEventProcessor processor = processing.eventProcessor(GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + GROUP));
        boolean postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")));
        ShadowSchema schema = new ShadowSchema(jdbc, postgres);
        boolean stopped = false;
        try {
            log.info("Rebuild: every read model ({}) from the {} events of the ledger, beside the live ones",
                    schema.tables(), run.targetHead);
            schema.create();
            ShadowFolder folder = new ShadowFolder(run, ledger, chunkEvents, handlers(), transactions, clock);
            TrackingToken token = firstPass(run, folder);
            run.phase = "CATCHING_UP";
            for (int round = 0; round < CATCH_UP_ROUNDS && head() - run.position > chunkEvents; round++) {
                run.targetHead = head();
                token = folder.foldAfter(token);
            }
            run.phase = "SWAPPING";
            processor.shutdownAsync().join();
            stopped = true;
            run.targetHead = head();
            token = folder.foldAfter(token);
            swap(schema, postgres, folder, token);
            run.phase = "DONE";
            double seconds = (System.nanoTime() - run.startedNanos) / 1e9;
            log.info("Rebuild: every read model rebuilt from {} events in {} s ({} events/s; copying the ledger into "
                            + "partitions {} s, then reading and deserializing {} s, folding {} s, in parallel, writing "
                            + "{} s), {} event(s) parked", run.events, String.format("%.1f", seconds),
                    String.format("%.0f", run.events / seconds), seconds(run.copyNanos), seconds(run.readNanos),
                    seconds(run.foldNanos), seconds(run.writeNanos), folder.parkedEvents());
        } catch (Exception | OutOfMemoryError failure) {
            run.failure = failure.toString();
            run.phase = "FAILED";
            log.error("Rebuild failed; the live read models are kept", failure);
            try {
                schema.drop();
            } catch (RuntimeException dropFailed) {
                log.warn("Rebuild: could not drop the shadow tables: {}", dropFailed.toString());
            }
        } finally {
            if (stopped) {
                processor.start();
            }
            run.finishedNanos = System.nanoTime();
        }
    }

    /**
     * Every event up to the head: on the JDBC ledger in partitions of whole projects, each folded in memory and
     * written once ({@link LedgerPartitions}); on Axon Server as the catch-up reads, chunk by chunk.
     */
    private TrackingToken firstPass(RebuildRun run, ShadowFolder folder) throws Exception {
        LedgerPartitions.Planner planner = partitions.getIfAvailable();
        if (planner == null) {
            return folder.foldAfter(null);
        }
        try (LedgerPartitions ledgerPartitions = planner.plan()) {
            run.targetHead = ledgerPartitions.head();
            log.info("Rebuild: {} events up to position {} in {} partitions of whole projects",
                    ledgerPartitions.events(), ledgerPartitions.head(), ledgerPartitions.partitions());
            long copyStart = System.nanoTime();
            ledgerPartitions.copy();
            run.copyNanos = System.nanoTime() - copyStart;
            return new PartitionedPass(folder, run, transactions).fold(ledgerPartitions);
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    /** One short transaction: the shadows replace the live tables, the dead letters and the token follow. */
    private void swap(ShadowSchema schema, boolean postgres, ShadowFolder folder, TrackingToken token) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(GROUP).orElse(null);
        if (queue == null && folder.parkedEvents() > 0) {
            throw new IllegalStateException(folder.parkedEvents() + " event(s) could not be handled and there is no "
                    + "dead-letter queue to park them in");
        }
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            if (!postgres) {
                // H2 commits each DDL statement: readers wait for the whole swap instead of finding a table missing.
                jdbc.execute("SET EXCLUSIVE 1");
            }
            try {
                schema.swap();
                if (queue != null) {
                    queue.clear();
                    folder.enqueueParked(queue);
                }
                int[] segments = tokens.fetchSegments(GROUP);
                if (segments.length == 0) {
                    tokens.initializeTokenSegments(GROUP, 1, token);
                }
                for (int segment : segments) {
                    tokens.storeToken(token, GROUP, segment);
                }
            } finally {
                if (!postgres) {
                    jdbc.execute("SET EXCLUSIVE 0");
                }
            }
        });
    }

    /** The query processor's own event handlers (the projections), failures propagated to the rebuild. */
    private SimpleEventHandlerInvoker handlers() {
        EventHandlerInvoker invoker = processing.eventProcessor(GROUP, AbstractEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + GROUP)).eventHandlerInvoker();
        List<EventMessageHandler> handlers = new ArrayList<>();
        collect(invoker, handlers);
        return SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> handlers) {
        if (invoker instanceof MultiEventHandlerInvoker multiple) {
            multiple.delegates().forEach(delegate -> collect(delegate, handlers));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            handlers.addAll(simple.eventHandlers());
        }
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private static ReplayProgress.Processor progressOf(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.isEmpty() ? 0 : segments.values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(0))
                .min().orElse(0);
        double percent = head <= 0 ? 100 : Math.min(100, 100.0 * position / head);
        return new ReplayProgress.Processor(name, position, head, Math.round(percent * 10) / 10.0,
                processor.isRunning());
    }
}
