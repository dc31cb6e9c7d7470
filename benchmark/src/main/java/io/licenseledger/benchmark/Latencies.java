package io.licenseledger.benchmark;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * Latencies of one measurement window, recorded from many threads into an HdrHistogram (microsecond resolution, up
 * to ten minutes, three significant digits). Recording before {@link #startWindow()} is warm-up and is dropped.
 */
final class Latencies {

    static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** Percentiles of a window in milliseconds. */
    record Summary(long count, double p50, double p90, double p99, double p999, double max) {

        static Summary of(Histogram histogram) {
            return new Summary(histogram.getTotalCount(), millis(histogram, 50), millis(histogram, 90),
                    millis(histogram, 99), millis(histogram, 99.9), histogram.getMaxValue() / 1000.0);
        }

        private static double millis(Histogram histogram, double percentile) {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_MICROS, 3);

    void recordNanos(long nanos) {
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
        recorder.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
    }

    /** Drops what was recorded so far (the warm-up). */
    void startWindow() {
        recorder.getIntervalHistogram();
    }

    /** What was recorded since the window started; the next call starts from empty. */
    Histogram endWindow() {
        return recorder.getIntervalHistogram();
    }
}
