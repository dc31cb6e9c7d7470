package io.licenseledger.query.replay;

import java.time.Instant;
import java.util.List;

/**
 * How far a rebuild of the read models is (rule AU4). {@code position} is the ledger position the rebuild reached,
 * {@code head} the ledger's head when it started (it moves on while the rebuild runs, which then follows it),
 * {@code events} how many events it folded, at {@code eventsPerSecond} since it started, with {@code etaSeconds} to
 * the head (null when not running). {@code phase}: {@code IDLE} (none since the service started), {@code REBUILDING}
 * (reading the whole ledger into the shadow tables), {@code CATCHING_UP} (the events appended meanwhile),
 * {@code SWAPPING} (the live processor stopped for the last events and the swap), {@code DONE} or {@code FAILED}
 * (with {@code failure}; the live read models were kept). {@code processors} is where the live processor is;
 * {@code deadLetters} the events parked now.
 */
record ReplayProgress(boolean running, String phase, Instant startedAt, double elapsedSeconds, long position,
                      long head, long events, double eventsPerSecond, Double etaSeconds, String failure,
                      List<Processor> processors, DeadLetters.Summary deadLetters) {

    /** The live streaming processor: the ledger position it reached (its slowest segment) against the head. */
    record Processor(String name, long position, long head, double percent, boolean running) {
    }
}
