package io.licenseledger.e2e;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeatRaceTest {

    @Test
    void fiftyDevicesRacingForTenSeatsGetExactlyTen() throws Exception {
        try (LedgerCluster cluster = LedgerCluster.onSelectedStore("ledger-race-logs").start()) {
            LicenseItem seats = Items.perDevice("race-seats", 10, OveragePolicy.NONE);
            assertThat(cluster.importLicense(cluster.signLicense("RACE", seats)).status()).isEqualTo(201);
            String[] project = cluster.createProjectWith("Race", seats.itemId());

            List<String> racers = IntStream.range(0, 50).mapToObj(i -> "racer-" + i).toList();
            int granted = 0;
            int refused = 0;
            for (LedgerCluster.Response response : cluster.authorizeAtOnce(project[1], racers)) {
                if (response.status() == 200) {
                    granted++;
                } else {
                    assertThat(response.code()).as(response.toString()).isEqualTo("QUOTA_EXCEEDED");
                    refused++;
                }
            }

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
