package io.licenseledger.e2e;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CrashDurabilityTest {

    @Test
    void acknowledgedCommandsAndReadModelsSurviveKillDashNineOfEitherService() throws Exception {
        try (LedgerCluster cluster = LedgerCluster.onSelectedStore("ledger-crash-logs").start()) {
            LicenseItem seats = Items.perDevice("crash-seats", 100_000, OveragePolicy.NONE);
            LicenseItem units = Items.perUsage("crash-units", 10_000_000, OveragePolicy.NONE);
            assertThat(cluster.importLicense(cluster.signLicense("CRASH", seats, units)).status()).isEqualTo(201);
            String[] project = cluster.createProjectWith("Crash", seats.itemId(), units.itemId());

            Set<String> acknowledged = untilAcknowledged(300, "crash-",
                    deviceId -> cluster.authorize(project[1], deviceId), () -> cluster.commandSide.killHard());
            Set<String> acknowledgedBeforeCrash = Set.copyOf(acknowledged);

            cluster.startCommandSide();

            Set<String> inLedger = new HashSet<>(cluster.authorizedDevices(project[0]));
            System.out.printf("crash test: %d authorizations acknowledged before kill -9, %d in the ledger after restart%n",
                    acknowledgedBeforeCrash.size(), inLedger.size());
            assertThat(inLedger).containsAll(acknowledgedBeforeCrash);
            JsonNode devices = cluster.awaitQuery("/api/v1/projects/" + project[0] + "/devices?size=500",
                    body -> body.get("total").asLong() >= inLedger.size(), Duration.ofSeconds(30)).body();
            Set<String> inReadModel = new HashSet<>();
            for (int page = 0; page * 500 < devices.get("total").asLong(); page++) {
                JsonNode rows = cluster.get(cluster.query(),
                        "/api/v1/projects/" + project[0] + "/devices?size=500&page=" + page).body().get("devices");
                rows.forEach(row -> inReadModel.add(row.get("deviceId").asString()));
            }
            assertThat(inReadModel).containsAll(acknowledgedBeforeCrash);
            LedgerCluster.Response afterRestart = cluster.authorize(project[1], List.copyOf(acknowledgedBeforeCrash).get(0));
            assertThat(afterRestart.status()).isEqualTo(200);

            // kill -9 of the query side while it folds usage reports: it goes on from the token it stored with its
            // rows, so the units used come back exact, nothing missing and nothing counted twice
            assertThat(cluster.authorize(project[1], "meter").status()).isEqualTo(200);
            Set<String> reported = untilAcknowledged(300, "query-crash-", batchId -> cluster.post(cluster.command(),
                    "/api/v1/usage", Map.of("licenseKey", project[1], "deviceId", "meter", "batchId", batchId,
                            "entries", List.of(Map.of("at", Instant.now().toString(), "units", 2))), null),
                    () -> cluster.querySide.killHard());
            cluster.startQuerySide();
            long unitsReported = 2L * reported.size();
            JsonNode quota = cluster.awaitQuery("/api/v1/projects/" + project[0] + "/quota",
                    body -> usedUnits(body) == unitsReported, Duration.ofSeconds(60)).body();
            System.out.printf("crash test: %d units reported, %d used in the read model after kill -9 of the query "
                    + "side%n", unitsReported, usedUnits(quota));
            assertThat(usedUnits(quota)).isEqualTo(unitsReported);
            assertThat(cluster.countEvents(project[0], "UsageRecorded")).isEqualTo(reported.size());
        }
    }

    /**
     * The command side rewrites its ledger file's chunks and moves them to shrink the file, on a thread of its own
     * (here without pause and to a fill rate never reached, so that every round does both and the kill lands in the
     * middle of one): acknowledged commands survive {@code kill -9} whatever it was doing.
     */
    @Test
    void acknowledgedCommandsSurviveKillDashNineOfTheCommandSideWhileItCompactsItsLedgerFile() throws Exception {
        Path logs = LedgerCluster.tempDir("ledger-compaction-crash-logs");
        try (LedgerCluster cluster = new LedgerCluster(LedgerStore.embedded(
                LedgerCluster.tempDir("ledger-h2").resolve("data")), logs)
                .withArguments("--ledger.embedded-store.compaction.interval=PT0.001S",
                        "--ledger.embedded-store.compaction.max-busy-percent=100",
                        "--ledger.embedded-store.compaction.target-fill-rate=100",
                        "--logging.level.io.licenseledger.service.LedgerFileCompactor=DEBUG").start()) {
            LicenseItem seats = Items.perDevice("compaction-seats", 100_000, OveragePolicy.NONE);
            assertThat(cluster.importLicense(cluster.signLicense("COMPACTION", seats)).status()).isEqualTo(201);
            String[] project = cluster.createProjectWith("Compaction", seats.itemId());
            Path commandSideLog = logs.resolve("command-side.log");

            Set<String> acknowledged = untilAcknowledged(300, "compaction-",
                    deviceId -> cluster.authorize(project[1], deviceId), () -> {
                        long roundsBefore = compactingRounds(commandSideLog);
                        while (compactingRounds(commandSideLog) < roundsBefore + 3) {
                            LedgerCluster.sleep(5);
                        }
                        cluster.commandSide.killHard();
                    });
            Set<String> acknowledgedBeforeCrash = Set.copyOf(acknowledged);
            long roundsBeforeCrash = compactingRounds(commandSideLog);
            long movingRoundsBeforeCrash = logLines(commandSideLog, "moved chunks");

            cluster.startCommandSide();

            Set<String> inLedger = new HashSet<>(cluster.authorizedDevices(project[0]));
            System.out.printf("crash test: %d authorizations acknowledged before kill -9 during compacting round %d,"
                    + " %d in the ledger after restart%n", acknowledgedBeforeCrash.size(), roundsBeforeCrash,
                    inLedger.size());
            assertThat(roundsBeforeCrash).isGreaterThanOrEqualTo(3);
            assertThat(movingRoundsBeforeCrash).as("rounds that moved chunks to shrink the file").isPositive();
            assertThat(inLedger).containsAll(acknowledgedBeforeCrash);
            assertThat(cluster.authorize(project[1], "compaction-after-restart").status()).isEqualTo(200);
        }
    }

    private static long compactingRounds(Path commandSideLog) {
        return logLines(commandSideLog, "Compacting round");
    }

    private static long logLines(Path commandSideLog, String containing) {
        try (Stream<String> lines = Files.lines(commandSideLog)) {
            return lines.filter(line -> line.contains(containing)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long usedUnits(JsonNode quota) {
        return quota.valueStream().filter(type -> type.get("type").asString().equals("PER_USAGE"))
                .mapToLong(type -> type.get("used").asLong()).sum();
    }

    /**
     * Sends requests from 8 threads, each with a new id, until {@code count} were acknowledged, then {@code crash};
     * answers the ids acknowledged.
     */
    private static Set<String> untilAcknowledged(int count, String prefix,
                                                 Function<String, LedgerCluster.Response> request, Crash crash)
            throws InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            clients.submit(() -> {
                while (running.get()) {
                    String id = prefix + sequence.incrementAndGet();
                    try {
                        if (request.apply(id).status() == 200) {
                            acknowledged.add(id);
                        }
                    } catch (RuntimeException connectionLost) {
                        // requests in flight when the process dies are not acknowledged; that is the point
                    }
                }
            });
        }
        while (acknowledged.size() < count) {
            LedgerCluster.sleep(20);
        }
        crash.kill();
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return acknowledged;
    }

    private interface Crash {
        void kill() throws InterruptedException;
    }
}
