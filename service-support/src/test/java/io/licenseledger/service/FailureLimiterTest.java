package io.licenseledger.service;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FailureLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;

    @Test
    void keyIsLimitedOnceItsFailuresEmptyTheBucketAndMayTryAgainWhenATokenIsBack() {
        FailureLimiter limiter = new FailureLimiter(3, Duration.ofMinutes(1), 100, ticker);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.retryAfter("10.0.0.1")).isEmpty();
            limiter.recordFailure("10.0.0.1");
        }

        assertThat(limiter.retryAfter("10.0.0.1")).hasValue(Duration.ofSeconds(20));
        assertThat(limiter.retryAfter("10.0.0.2")).isEmpty();
        advance(Duration.ofSeconds(15));
        assertThat(limiter.retryAfter("10.0.0.1")).hasValue(Duration.ofSeconds(5));
        advance(Duration.ofSeconds(5));
        assertThat(limiter.retryAfter("10.0.0.1")).isEmpty();
        limiter.recordFailure("10.0.0.1");
        assertThat(limiter.retryAfter("10.0.0.1")).hasValue(Duration.ofSeconds(20));
    }

    @Test
    void bucketRefillsNoFurtherThanItsCapacity() {
        FailureLimiter limiter = new FailureLimiter(2, Duration.ofMinutes(1), 100, ticker);
        limiter.recordFailure("k");
        advance(Duration.ofSeconds(59));

        limiter.recordFailure("k");
        limiter.recordFailure("k");

        assertThat(limiter.retryAfter("k")).isPresent();
    }

    @Test
    void atMostMaxTrackedKeysAreKeptAndIdleOnesAreForgotten() {
        FailureLimiter limiter = new FailureLimiter(5, Duration.ofMinutes(1), 1_000, ticker);

        for (int i = 0; i < 50_000; i++) {
            limiter.recordFailure("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }

        assertThat(limiter.tracked()).isLessThanOrEqualTo(1_000);
        advance(Duration.ofMinutes(1));
        assertThat(limiter.tracked()).isZero();
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
