package io.licenseledger.command.alerts;

import java.time.Duration;

/** Exponential backoff: {@code initial} after the first failed attempt, doubling after each further one, at most {@code max}. */
record Backoff(Duration initial, Duration max) {

    Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        // Past 2^30 times the initial delay every sane cap has long been reached; this also keeps the shift safe.
        int doublings = Math.min(attempt - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
