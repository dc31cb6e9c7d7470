package io.licenseledger.service;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;

import java.time.Duration;

/** Too many failed attempts: answered 429 {@code RATE_LIMITED} with {@code Retry-After} (SPEC section 5). */
public class RateLimitedException extends LedgerException {

    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "too many failed attempts; retry after " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one, as {@code Retry-After} takes them. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}
