package io.licenseledger.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger file grows by its events, not by its commits: with the service's store options (compressed pages) and
 * compactor, one commit per event (the serial worst case) stays under 1 KB per event, where {@code WRITE_DELAY=0}
 * alone left 25 KB of old chunks per event and {@code RETENTION_TIME=0} without the compactor 8 to 12 KB; and free
 * space inside the file is given back while it is open.
 */
class LedgerFileSizeTest {

    private static final int EVENTS = 20_000;
    private static final int FREED_BYTES = 64 << 20;

    @Test
    void theLedgerFileHoldsLessThanAKilobytePerEventWhenEveryEventIsACommitOfItsOwn(@TempDir Path dataDir) {
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
        assertThat(open / EVENTS).as("bytes per event, open").isLessThan(1_024);
        assertThat(restarted / EVENTS).as("bytes per event, after a clean restart").isLessThan(1_024);
    }

    @Test
    void theCompactorGivesBackFreeSpaceBeforeTheLatestChunksWhileTheFileIsOpen(@TempDir Path dataDir)
            throws Exception {
        try (LedgerFileWorkload ledger = new LedgerFileWorkload(dataDir, null, true)) {
            long full = ledger.leaveFreeSpaceBefore(2_000, FREED_BYTES);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ledger.fileBytes() >= FREED_BYTES / 4 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThat(full).as("file with the dropped table's space").isGreaterThan(FREED_BYTES);
            assertThat(ledger.fileBytes()).as("file once that space is given back").isLessThan(FREED_BYTES / 4);
        }
    }
}
