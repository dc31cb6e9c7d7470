package io.licenseledger.command.project;

import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Axon's snapshotter, keeping the time spent snapshotting one aggregate to a share of the time: a project's next
 * snapshot is taken only once its last one, divided by {@code maxShare}, has passed since that one started. Taking a
 * snapshot of a project with 100,000 registrations (reading the last one, applying the events after it, writing 3 MB)
 * costs about as much as hundreds of authorizations, so a busy project snapshotted every few hundred events would spend
 * a large part of the machine on it; a small project's snapshots take a millisecond and are never held back. An
 * aggregate's trigger asks again after as many events as it counts.
 */
final class PacedSnapshotter extends SpringAggregateSnapshotter {

    /** Aggregates remembered at most: the least recently snapshotted are forgotten first (and may go at once). */
    private static final int REMEMBERED = 10_000;

    private final double maxShare;
    private final LongSupplier nanoTime;
    private final Map<String, Long> notBefore = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    PacedSnapshotter(Builder builder, double maxShare, LongSupplier nanoTime) {
        super(builder);
        if (!(maxShare > 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("the share of time spent snapshotting must be in (0, 1]: " + maxShare);
        }
        this.maxShare = maxShare;
        this.nanoTime = nanoTime;
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        Long earliest;
        synchronized (notBefore) {
            earliest = notBefore.get(aggregateIdentifier);
        }
        if (earliest == null || nanoTime.getAsLong() - earliest >= 0) {
            super.scheduleSnapshot(aggregateType, aggregateIdentifier);
        }
    }

    @Override
    protected Runnable createSnapshotterTask(Class<?> aggregateType, String aggregateIdentifier) {
        Runnable snapshot = super.createSnapshotterTask(aggregateType, aggregateIdentifier);
        return () -> {
            long start = nanoTime.getAsLong();
            try {
                snapshot.run();
            } finally {
                long took = nanoTime.getAsLong() - start;
                synchronized (notBefore) {
                    notBefore.put(aggregateIdentifier, start + (long) (took / maxShare));
                }
            }
        };
    }
}
