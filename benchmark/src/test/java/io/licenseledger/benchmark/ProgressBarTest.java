package io.licenseledger.benchmark;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), "events");

    @Test
    void showsTheShareDoneTheRateAndTheTimeLeft() {
        assertThat(bar.render(250_000, 1_000_000, 10))
                .isEqualTo("[########......................]  25%  250,000 / 1,000,000 events  25,000/s  ETA 30 s");
    }

    @Test
    void aFinishedBarIsFullAndHasNoEstimate() {
        assertThat(bar.render(1_000_000, 1_000_000, 20))
                .isEqualTo("[##############################] 100%  1,000,000 / 1,000,000 events  50,000/s");
    }

    @Test
    void anUnknownTotalIsAnEmptyBar() {
        assertThat(bar.render(5, 0, 1)).startsWith("[..............................]   0%");
    }

    @Test
    void redrawsInPlaceAndEndsTheLineWhenFinished() {
        bar.update(1, 2, true);
        bar.finish(2, 2);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("\r[").contains("\r[##").endsWith(System.lineSeparator());
    }
}
