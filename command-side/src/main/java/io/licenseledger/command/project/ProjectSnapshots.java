package io.licenseledger.command.project;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots of projects, so that loading one after a restart or an eviction from the aggregate cache reads its latest
 * snapshot and the events after it, not its whole history.
 */
@Configuration(proxyBeanMethods = false)
class ProjectSnapshots {

    static final String TRIGGER = "projectSnapshotTrigger";
    static final String FILTER = "projectSnapshotFilter";
    /** The type Axon stores with a project's events and snapshots: the class's simple name. */
    static final String AGGREGATE_TYPE = "Project";

    /** Counts the events a project's load replays and the events its commands add since the last snapshot. */
    @Bean(TRIGGER)
    SnapshotTriggerDefinition projectSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${ledger.snapshots.threshold:500}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** A snapshot of another revision of {@link Project} is skipped: the project is rebuilt from its events. */
    @Bean(FILTER)
    SnapshotFilter projectSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(AGGREGATE_TYPE).revision(Project.REVISION).build();
    }

    /**
     * Replaces Axon's snapshotter, which takes snapshots on the thread that committed: here a command worker, whose
     * whole batch would wait. Snapshots are taken after the batch committed, on one thread of their own; when its
     * queue is full the committing thread takes the snapshot itself (Axon's default), since a task dropped from the
     * queue would leave Axon believing that project's snapshot is still in progress, and never take another. A
     * project's snapshots take at most {@code ledger.snapshots.max-share} of the time (see {@link PacedSnapshotter}).
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration axon,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore,
                                                    TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    SnapshotThread snapshotThread,
                                                    @Value("${ledger.snapshots.max-share:0.1}") double maxShare) {
        SpringAggregateSnapshotter.Builder builder = SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread.executor);
        return new PacedSnapshotter(builder, maxShare, System::nanoTime);
    }

    @Bean
    SnapshotThread snapshotThread(@Value("${ledger.snapshots.queue:64}") int queue) {
        return new SnapshotThread(queue);
    }

    /**
     * The one thread snapshots are taken on. At shutdown, the snapshots queued are finished (for at most 10 s) while
     * the database is still open, rather than lost and taken again after the restart. Not an {@link Executor} itself:
     * an Executor bean would take the place of Spring Boot's application task executor.
     */
    static final class SnapshotThread implements SmartLifecycle {

        private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1537;

        private final ThreadPoolExecutor executor;
        private volatile boolean running;

        SnapshotThread(int queue) {
            executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                    runnable -> {
                        Thread thread = new Thread(runnable, "project-snapshot");
                        thread.setDaemon(true);
                        return thread;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /** Stops just after the command bus (whose last commits may ask for snapshots), before Axon's components. */
        @Override
        public int getPhase() {
            return PHASE;
        }
    }
}
