package io.licenseledger.events;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CountsTest {

    private static final List<Long> EDGES = List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_000_000_000L, -101L,
            -1L, 0L, 1L, 99L, 100L, 101L, 1_000_000_000L, 10_000_000_000_000L, Long.MAX_VALUE / 100,
            Long.MAX_VALUE / 100 + 1, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE);

    @Test
    void sumsSaturateAtTheEndsOfLongInsteadOfWrapping() {
        assertThat(Counts.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counts.add(Long.MAX_VALUE - 10, 10_000_000_000_000L)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counts.add(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Counts.add(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(-1);
        assertThat(Counts.add(40, 2)).isEqualTo(42);
    }

    @Test
    void everySumOfEdgeValuesIsTheExactSumClampedToLong() {
        for (long a : EDGES) {
            for (long b : EDGES) {
                BigInteger exact = BigInteger.valueOf(a).add(BigInteger.valueOf(b))
                        .min(BigInteger.valueOf(Long.MAX_VALUE)).max(BigInteger.valueOf(Long.MIN_VALUE));
                assertThat(Counts.add(a, b)).as("%d + %d", a, b).isEqualTo(exact.longValueExact());
            }
        }
    }

    /** Max units per entry x max entries, batch after batch: the total climbs to Long.MAX_VALUE and stays there. */
    @Test
    void manyMaximalBatchesAddUpToTheLongestCountAndStayThere() {
        long batch = 1_000_000_000L * 10_000;
        long total = 0;
        long batches = Long.MAX_VALUE / batch + 3;
        for (long i = 0; i < batches; i++) {
            total = Counts.add(total, batch);
        }
        assertThat(total).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void remainingIsNeverNegativeAndNeverOverflows() {
        assertThat(Counts.remaining(1100, 1000)).isEqualTo(100);
        assertThat(Counts.remaining(1100, 5000)).isZero();
        assertThat(Counts.remaining(1100, Long.MAX_VALUE)).isZero();
        assertThat(Counts.remaining(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Counts.remaining(1100, -2)).isEqualTo(1100);
        assertThat(Counts.remaining(0, 0)).isZero();
    }

    @Test
    void percentComparisonsAreExactWhereAHundredTimesTheUseOverflows() {
        for (long used : EDGES) {
            for (long of : EDGES) {
                for (int percent : List.of(0, 1, 60, 80, 100)) {
                    boolean exact = BigInteger.valueOf(used).multiply(BigInteger.valueOf(100))
                            .compareTo(BigInteger.valueOf(of).multiply(BigInteger.valueOf(percent))) >= 0;
                    assertThat(Counts.reachesPercent(used, percent, of))
                            .as("%d >= %d %% of %d", used, percent, of).isEqualTo(exact);
                }
            }
        }
    }
}
