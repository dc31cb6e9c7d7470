package io.licenseledger.command.alerts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = AlertProperties.defaults().backoff();

    @Test
    void waitStartsAtTwoSecondsAndDoublesAfterEachFailedAttempt() {
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::delayAfter)).containsExactly(
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
                Duration.ofSeconds(32), Duration.ofSeconds(64));
    }

    @Test
    void waitIsCappedAtOneHour() {
        assertThat(backoff.delayAfter(11)).isEqualTo(Duration.ofSeconds(2048));
        assertThat(backoff.delayAfter(12)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDefaultTwelveAttemptsSpreadOverAboutAnHour() {
        Duration total = IntStream.range(1, AlertProperties.defaults().maxAttempts())
                .mapToObj(backoff::delayAfter).reduce(Duration.ZERO, Duration::plus);

        assertThat(total).isEqualTo(Duration.ofSeconds(4094));
    }

    @Test
    void attemptsCountFromOne() {
        assertThatThrownBy(() -> backoff.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
