package io.licenseledger.query.replay;

import io.licenseledger.query.BatchedWrites;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The first pass of a rebuild on the JDBC ledger, on empty shadows ({@link LedgerPartitions}): each partition's events
 * are folded by the {@link ShadowFolder} into rows held in memory, written in one transaction once the partition is
 * done, on a writer thread while the next partition folds. A partition a projection fails on, in memory or when its
 * rows are written (rolled back then), is folded again the regular way, chunk by chunk, parking what still fails.
 */
final class PartitionedPass {

    private static final Logger log = LoggerFactory.getLogger(PartitionedPass.class);

    private final ShadowFolder folder;
    private final RebuildRun run;
    private final TransactionTemplate oneTransaction;

    PartitionedPass(ShadowFolder folder, RebuildRun run, PlatformTransactionManager transactions) {
        this.folder = folder;
        this.run = run;
        this.oneTransaction = new TransactionTemplate(transactions);
    }

    /** Folds every partition; returns the token the catch-up goes on from. */
    TrackingToken fold(LedgerPartitions partitions) throws InterruptedException {
        ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "read-model-rebuild-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // A partition's rows are written while the next one folds: one partition held in writing, one in folding.
            Written writing = Written.NOTHING;
            for (int partition = 0; partition < partitions.partitions(); partition++) {
                long eventsBefore = run.events;
                BatchedWrites.Held held = new BatchedWrites.Held();
                try {
                    folder.foldStream(partitionEvents(partitions, partition), null, held);
                } catch (RuntimeException failure) {
                    awaitWritten(writing, partitions);
                    writing = Written.NOTHING;
                    refold(partitions, partition, eventsBefore, failure);
                    continue;
                }
                awaitWritten(writing, partitions);
                writing = new Written(partition, run.events - eventsBefore, writer.submit(() -> {
                    long writeStart = System.nanoTime();
                    oneTransaction.executeWithoutResult(status -> folder.write(held));
                    run.writeNanos += System.nanoTime() - writeStart;
                }));
            }
            awaitWritten(writing, partitions);
        } finally {
            writer.shutdownNow();
        }
        run.position = partitions.head();
        return partitions.token();
    }

    /** The write of a partition's rows, under way. */
    private record Written(int partition, long events, Future<?> done) {
        static final Written NOTHING = new Written(-1, 0, CompletableFuture.completedFuture(null));
    }

    /**
     * Waits for a partition's rows to be written. Rows that could not be written were rolled back with the rest of
     * the partition's, which is then folded again chunk by chunk.
     */
    private void awaitWritten(Written writing, LedgerPartitions partitions) throws InterruptedException {
        try {
            writing.done().get();
        } catch (ExecutionException failure) {
            refold(partitions, writing.partition(), run.events - writing.events(), failure.getCause());
        }
    }

    /**
     * A partition a projection failed on, in memory or when its rows were written: folded again chunk by chunk, its
     * events counted again from {@code eventsWithoutIt}.
     */
    private void refold(LedgerPartitions partitions, int partition, long eventsWithoutIt, Throwable failure)
            throws InterruptedException {
        log.warn("Rebuild: partition {} of {} failed ({}); folding it again chunk by chunk", partition + 1,
                partitions.partitions(), failure.toString());
        run.events = eventsWithoutIt;
        folder.foldStream(partitionEvents(partitions, partition), null, null);
    }

    private static Supplier<Stream<? extends TrackedEventMessage<?>>> partitionEvents(LedgerPartitions partitions,
                                                                                    int partition) {
        return () -> {
            try {
                return partitions.read(partition);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
