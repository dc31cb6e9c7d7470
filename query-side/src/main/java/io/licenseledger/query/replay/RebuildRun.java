package io.licenseledger.query.replay;

import java.time.Instant;

/** One rebuild, as the status reports it. */
final class RebuildRun {
    final Instant startedAt;
    final long startedNanos;
    volatile long targetHead;
    volatile String phase = "REBUILDING";
    volatile long position;
    volatile long events;
    volatile String failure;
    volatile long finishedNanos;
    /**
     * Time the reader spent reading and deserializing, the folder handling (and writing, chunk by chunk), and writing
     * the rows a partition held.
     */
    volatile long readNanos;
    volatile long foldNanos;
    volatile long copyNanos;
    volatile long writeNanos;

    RebuildRun(Instant startedAt, long startedNanos, long targetHead) {
        this.startedAt = startedAt;
        this.startedNanos = startedNanos;
        this.targetHead = targetHead;
    }

    boolean running() {
        return finishedNanos == 0;
    }
}
