package io.licenseledger.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a check but figures: the ledger file's bytes per event as its history grows, while the store is open and after
 * a clean restart, and the rate the events went in at. Run on demand:
 * {@code mvn -pl command-side -am test -Dtest=LedgerFileSizeMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * -Dledger.measure.file-size=10000,100000,1000000}, optionally with {@code -Dledger.measure.committers=2}
 * {@code -Dledger.measure.events-per-commit=4} (two workers' group commits of four: eight concurrent clients) and
 * {@code -Dledger.measure.options="WRITE_DELAY=0"} {@code -Dledger.measure.compacting=false} to measure other H2
 * options than the service's, {@code -Dledger.embedded-store.compaction.max-busy-percent=25} (or another of its
 * settings) to measure other compactor settings. At each size the store is closed and opened again, then the
 * history goes on growing.
 */
@EnabledIfSystemProperty(named = "ledger.measure.file-size", matches = "[\\d,]+")
class LedgerFileSizeMeasurement {

    @TempDir
    Path dataDir;

    @Test
    void bytesPerEventAsTheHistoryGrows() {
        long[] sizes = Arrays.stream(System.getProperty("ledger.measure.file-size").split(","))
                .mapToLong(Long::parseLong).sorted().toArray();
        int committers = Integer.getInteger("ledger.measure.committers", 1);
        int eventsPerCommit = Integer.getInteger("ledger.measure.events-per-commit", 1);
        String options = System.getProperty("ledger.measure.options");
        boolean compacting = Boolean.parseBoolean(System.getProperty("ledger.measure.compacting", "true"));
        report("options %s, compactor %s, %d committer(s), %d event(s) per commit",
                options == null ? "of application.yml" : options,
                compacting ? "on " + System.getProperties().entrySet().stream()
                        .filter(setting -> setting.getKey().toString().startsWith("ledger.embedded-store.compaction."))
                        .toList() : "off", committers, eventsPerCommit);
        long stored = 0;
        for (long size : sizes) {
            long open;
            long rounds;
            long started = System.nanoTime();
            try (LedgerFileWorkload ledger = new LedgerFileWorkload(dataDir, options, compacting)) {
                ledger.append(size - stored, committers, eventsPerCommit);
                open = ledger.fileBytes();
                rounds = ledger.compactingRounds();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long closing = System.nanoTime();
            long restarted;
            try (LedgerFileWorkload ledger = new LedgerFileWorkload(dataDir, options, false)) {
                restarted = ledger.fileBytes();
            }
            report("%,d events: open %,d B/event (%,d bytes), after restart %,d B/event; %,.0f events/s, %,d"
                            + " compacting rounds, reopened in %,d ms", size, open / size, open, restarted / size,
                    (size - stored) / seconds, rounds, (System.nanoTime() - closing) / 1_000_000);
            stored = size;
        }
    }

    private static void report(String format, Object... arguments) {
        System.out.printf("[ledger file] " + format + "%n", arguments);
    }
}
