package io.licenseledger.benchmark;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr, so stdout holds only the results. */
final class Console {

    private Console() {
    }

    static void step(String text) {
        System.err.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + text);
    }
}
