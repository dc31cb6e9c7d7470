package io.licenseledger.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket of failures per key (a client address, a license key's hash): each failure takes a token, the
 * bucket refills evenly over the period, and a key whose bucket is empty waits until a token is back. Only failures
 * take tokens, so successful traffic is never limited. A bucket left alone for a whole period is full again, so it
 * is forgotten then; at most {@code maxTracked} keys are kept.
 */
final class FailureLimiter {

    private record Bucket(double tokens, long atNanos) {
    }

    private final double capacity;
    private final double tokensPerNano;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    FailureLimiter(int capacity, Duration period, long maxTracked, Ticker ticker) {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a failure limit needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) period.toNanos();
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                .expireAfterWrite(period)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** How long the key has to wait before its next attempt; empty when it may try now. */
    Optional<Duration> retryAfter(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        double missing = 1 - available(bucket, ticker.read());
        return missing <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos((long) Math.ceil(missing / tokensPerNano)));
    }

    void recordFailure(String key) {
        buckets.asMap().compute(key, (k, bucket) -> {
            long now = ticker.read();
            double tokens = bucket == null ? capacity : available(bucket, now);
            return new Bucket(Math.max(0, tokens - 1), now);
        });
    }

    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private double available(Bucket bucket, long now) {
        return Math.min(capacity, bucket.tokens() + (now - bucket.atNanos()) * tokensPerNano);
    }
}
