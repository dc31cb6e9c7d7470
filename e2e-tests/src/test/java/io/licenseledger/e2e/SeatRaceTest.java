package io.licenseledger.e2e;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SeatRaceTest {

    @Test
    void fiftyDevicesRacingForTenSeatsGetExactlyTen() throws Exception {
        try (LedgerCluster cluster = new LedgerCluster(
                LedgerStore.selected(),
                LedgerCluster.tempDir("ledger-race-logs")).start()) {
            LicenseItem seats = Items.perDevice("race-seats", 10, OveragePolicy.NONE);
            assertThat(cluster.importLicense(cluster.signLicense("RACE", seats)).status()).isEqualTo(201);
            String[] project = cluster.createProjectWith("Race", seats.itemId());

            ExecutorService threads = Executors.newFixedThreadPool(50);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LedgerCluster.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String deviceId = "racer-" + i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return cluster.authorize(project[1], deviceId);
                }));
            }
            start.countDown();
            int granted = 0;
            int refused = 0;
            for (Future<LedgerCluster.Response> answer : answers) {
                LedgerCluster.Response response = answer.get();
                if (response.status() == 200) {
                    granted++;
                } else {
                    assertThat(response.code()).as(response.toString()).isEqualTo("QUOTA_EXCEEDED");
                    refused++;
                }
            }
            threads.shutdown();

            assertThat(granted).isEqualTo(10);
            assertThat(refused).isEqualTo(40);
            assertThat(cluster.countEvents(project[0], "DeviceAuthorized")).isEqualTo(10);
            assertThat(cluster.countEvents(project[0], "AuthorizationRefused")).isEqualTo(40);
            cluster.awaitQuery("/api/v1/projects/" + project[0] + "/devices?size=100",
                    body -> body.get("total").asLong() == 10 && body.get("devices").size() == 10,
                    Duration.ofSeconds(15));
        }
    }
}
