package io.licenseledger.benchmark;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoadTest {

    private static final Load.Window NO_CPU = Map::of;

    @Test
    void aFixedRateRunChargesAStallToEveryRequestItDelayed() {
        // One worker and a 200 ms stall at the 10th request: the requests due during the stall are late, and their
        // latency is counted from when they were due, not from when they were finally sent.
        Load.Result result = Load.fixedRate("stall", 100, 1, Duration.ZERO, Duration.ofMillis(500),
                Duration.ofSeconds(5), (worker, index) -> {
                    if (index == 10) {
                        Sleep.millis(200);
                    }
                    return new Http.Response(200, new byte[0]);
                }, () -> NO_CPU);

        assertThat(result.ok()).isEqualTo(50);
        assertThat(result.latency().max()).isGreaterThanOrEqualTo(195);
        assertThat(result.latency().p90()).as("the requests queued behind the stall").isGreaterThan(50);
    }

    @Test
    void aClosedLoopCountsOnlyTheMeasuredWindowAndSortsFailuresByStatus() {
        Load.Result result = Load.closedLoop("closed", 2, Duration.ofMillis(100), Duration.ofMillis(300),
                (thread, sequence) -> {
                    Sleep.millis(10);
                    return new Http.Response(sequence % 5 == 0 ? 503 : 200, "busy".getBytes());
                }, () -> NO_CPU);

        assertThat(result.ok() + result.failed()).isBetween(40L, 70L);
        assertThat(result.failuresByStatus()).containsOnlyKeys(503);
        assertThat(result.firstFailure()).isEqualTo("503 busy");
        assertThat(result.latency().p50()).isBetween(9.0, 40.0);
    }

    @Test
    void aRequestTooLateIsDroppedAndCountedWithItsLateness() {
        Load.Result result = Load.fixedRate("saturated", 100, 1, Duration.ZERO, Duration.ofMillis(400),
                Duration.ofMillis(50), (worker, index) -> {
                    Sleep.millis(100);
                    return new Http.Response(200, new byte[0]);
                }, () -> NO_CPU);

        assertThat(result.dropped()).isPositive();
        assertThat(result.ok()).isLessThan(10);
    }
}
