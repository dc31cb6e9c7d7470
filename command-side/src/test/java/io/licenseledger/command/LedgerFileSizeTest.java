package io.licenseledger.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger file grows by its events, not by its commits: with the service's store options and compactor, one
 * commit per event (the serial worst case) stays within a few KB per event, where {@code WRITE_DELAY=0} alone left
 * 25 KB of old chunks per event and {@code RETENTION_TIME=0} without the compactor 8 to 12 KB.
 */
class LedgerFileSizeTest {

    private static final int EVENTS = 20_000;

    @Test
    void theLedgerFileHoldsAFewKilobytesPerEventWhenEveryEventIsACommitOfItsOwn(@TempDir Path dataDir) {
        long open;
        try (LedgerFileWorkload ledger = new LedgerFileWorkload(dataDir, null, true)) {
            ledger.append(EVENTS, 1, 1);
            open = ledger.fileBytes();
            assertThat(ledger.compactingRounds()).isPositive();
        }
        long restarted;
        try (LedgerFileWorkload ledger = new LedgerFileWorkload(dataDir, null, false)) {
            restarted = ledger.fileBytes();
        }
        assertThat(open / EVENTS).as("bytes per event, open").isLessThan(4_000);
        assertThat(restarted / EVENTS).as("bytes per event, after a clean restart").isLessThan(4_000);
    }
}
