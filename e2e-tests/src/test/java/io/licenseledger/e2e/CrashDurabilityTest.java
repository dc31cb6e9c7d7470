package io.licenseledger.e2e;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CrashDurabilityTest {

    @Test
    void everyAcknowledgedAuthorizationSurvivesKillDashNineOfTheCommandSide() throws Exception {
        try (LedgerCluster cluster = new LedgerCluster(
                LedgerStore.selected(),
                LedgerCluster.tempDir("ledger-crash-logs")).start()) {
            LicenseItem seats = Items.perDevice("crash-seats", 100_000, OveragePolicy.NONE);
            assertThat(cluster.importLicense(cluster.signLicense("CRASH", seats)).status()).isEqualTo(201);
            String[] project = cluster.createProjectWith("Crash", seats.itemId());

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String deviceId = "crash-" + sequence.incrementAndGet();
                        try {
                            if (cluster.authorize(project[1], deviceId).status() == 200) {
                                acknowledged.add(deviceId);
                            }
                        } catch (RuntimeException connectionLost) {
                            // requests in flight when the process dies are not acknowledged; that is the point
                        }
                    }
                });
            }
            while (acknowledged.size() < 300) {
                ServiceProcess.sleep(20);
            }
            cluster.commandSide.killHard();
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            Set<String> acknowledgedBeforeCrash = Set.copyOf(acknowledged);

            cluster.commandSide = cluster.newCommandSide().start();

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
        }
    }
}
