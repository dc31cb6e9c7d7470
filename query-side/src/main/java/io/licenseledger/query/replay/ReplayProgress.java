package io.licenseledger.query.replay;

import java.time.Instant;
import java.util.List;

/**
 * How far a rebuild of the read models is. {@code eventsPerSecond} is the ledger position the slowest processor
 * reached, per second since the replay started (every read model is rebuilt only when the slowest one is); it stays
 * at its final value once the replay is done. {@code startedAt} is null when no replay ran since the service started.
 * {@code deadLetters} are the events parked now (a replay empties them, and parks again those that still fail).
 */
record ReplayProgress(boolean running, Instant startedAt, double elapsedSeconds, long head,
                    List<Processor> processors, double eventsPerSecond, DeadLetters.Summary deadLetters) {

    ReplayProgress withDeadLetters(DeadLetters.Summary parked) {
        return new ReplayProgress(running, startedAt, elapsedSeconds, head, processors, eventsPerSecond, parked);
    }

    /** One streaming processor: the ledger position it reached (its slowest segment) against the ledger's head. */
    record Processor(String name, long position, long head, double percent, boolean replaying) {
    }
}
