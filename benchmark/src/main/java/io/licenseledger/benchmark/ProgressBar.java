package io.licenseledger.benchmark;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar, redrawn in place with a carriage return: {@code [#####.....]  50%  500,000 /
 * 1,000,000 events  12,345/s  ETA 40 s}.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastLength;

    ProgressBar(PrintStream out, String unit) {
        this.out = out;
        this.unit = unit;
    }

    /** Redraws at most five times a second, unless {@code force}. */
    void update(long done, long total, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        String line = render(done, total, (now - startNanos) / 1e9);
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    void finish(long done, long total) {
        update(done, total, true);
        out.println();
    }

    String render(long done, long total, double elapsedSeconds) {
        double fraction = total <= 0 ? 0 : Math.min(1.0, Math.max(0.0, (double) done / total));
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
        String eta = rate > 0 && done < total ? String.format(Locale.ROOT, "ETA %.0f s", (total - done) / rate) : "";
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d / %,d %s  %,.0f/s  %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, done, total, unit, rate, eta).stripTrailing();
    }
}
