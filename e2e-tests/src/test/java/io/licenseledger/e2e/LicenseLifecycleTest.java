package io.licenseledger.e2e;

import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time-driven rules over HTTP against both real services, with a clock the test moves forward: seats freed with no
 * request (A3, A4), also across a restart of both services, and renewal terms (L4). The tests share one store and
 * run in order, because each moves the shared clock forward.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LicenseLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @AutoClose
    private LedgerCluster cluster;

    @BeforeAll
    void startServices() throws Exception {
        cluster = LedgerCluster.onSelectedStore("ledger-lifecycle").withAdjustableClock().start();
    }

    @Test
    @Order(1)
    void twentyDevicesRacingForFiveConcurrentSeatsGetFiveAndAnExpiredLeaseIsReused() throws Exception {
        Instant now = cluster.serverNow();
        LicenseItem seats = Items.concurrent("lc-concurrent", 5, Duration.ofMinutes(3), now.minus(1, ChronoUnit.DAYS),
                now.plus(365, ChronoUnit.DAYS));
        assertThat(cluster.importLicense(cluster.signLicense("LC-CONCURRENT", seats)).status()).isEqualTo(201);
        String[] project = cluster.createProjectWith("Concurrent", seats.itemId());

        List<String> racers = IntStream.range(0, 20).mapToObj(i -> "seat-racer-" + i).toList();
        List<LedgerCluster.Response> answers = cluster.authorizeAtOnce(project[1], racers);
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).status() == 200) {
                holders.add(racers.get(i));
            } else {
                assertThat(answers.get(i).code()).isEqualTo("QUOTA_EXCEEDED");
            }
        }
        assertThat(holders).hasSize(5);
        assertThat(cluster.countEvents(project[0], "DeviceAuthorized")).isEqualTo(5);

        // A released seat is free at once; the other leases run out after PT3M and are freed with no request.
        assertThat(cluster.post(cluster.command(), "/api/v1/release",
                Map.of("licenseKey", project[1], "deviceId", holders.get(0)), null).status()).isEqualTo(204);
        assertThat(cluster.authorize(project[1], "late-comer-1").status()).isEqualTo(200);
        assertThat(cluster.authorize(project[1], "late-comer-2").code()).isEqualTo("QUOTA_EXCEEDED");

        cluster.advanceClock(Duration.ofMinutes(4));
        awaitLedger(() -> cluster.countEvents(project[0], "DeviceUnregistered", "SEAT_LEASE_EXPIRED") == 5);
        cluster.awaitQuery("/api/v1/projects/" + project[0] + "/devices", body -> body.get("total").asLong() == 0, WAIT);
        assertThat(cluster.authorize(project[1], "late-comer-2").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void idleDeviceIsUnregisteredWithNoRequestAlsoAcrossARestartAndItsSeatGoesToANewDevice() throws Exception {
        Instant now = cluster.serverNow();
        LicenseItem daily = Items.perDevice("lc-daily", 2, ActiveWindow.P1D, now.minus(1, ChronoUnit.DAYS),
                now.plus(365, ChronoUnit.DAYS));
        assertThat(cluster.importLicense(cluster.signLicense("LC-DAILY", daily)).status()).isEqualTo(201);
        String[] running = cluster.createProjectWith("Daily, running", daily.itemId());
        assertThat(cluster.authorize(running[1], "daily-1").status()).isEqualTo(200);

        LicenseItem dailyToo = Items.perDevice("lc-daily-restart", 2, ActiveWindow.P1D,
                now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
        assertThat(cluster.importLicense(cluster.signLicense("LC-DAILY-RESTART", dailyToo)).status()).isEqualTo(201);
        String[] restarted = cluster.createProjectWith("Daily, restarted", dailyToo.itemId());
        assertThat(cluster.authorize(restarted[1], "sleeper-1").status()).isEqualTo(200);
        assertThat(cluster.authorize(restarted[1], "sleeper-2").status()).isEqualTo(200);
        assertThat(cluster.authorize(restarted[1], "newcomer").code()).isEqualTo("QUOTA_EXCEEDED");

        // Services running: a day passes with no request at all.
        cluster.advanceClock(Duration.ofHours(25));
        awaitLedger(() -> cluster.countEvents(running[0], "DeviceUnregistered", "ACTIVITY_WINDOW_ELAPSED") == 1);
        cluster.awaitQuery("/api/v1/projects/" + running[0] + "/devices", body -> body.get("total").asLong() == 0,
                WAIT);

        awaitLedger(() -> cluster.countEvents(restarted[0], "DeviceUnregistered", "ACTIVITY_WINDOW_ELAPSED") == 2);

        // Both services down while another day passes; after the restart the idle devices are freed unasked.
        assertThat(cluster.authorize(restarted[1], "sleeper-1").status()).isEqualTo(200);
        assertThat(cluster.authorize(restarted[1], "sleeper-2").status()).isEqualTo(200);
        cluster.querySide.close();
        cluster.commandSide.close();
        // A stop is graceful: each service closes its H2 files after its last work, not H2's shutdown hook under it.
        assertThat(cluster.querySide.output()).doesNotContain("Database is already closed");
        assertThat(cluster.commandSide.output()).doesNotContain("Database is already closed");
        try (Connection connection = cluster.store.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE clock_offset SET offset_millis = offset_millis + "
                    + Duration.ofHours(25).toMillis() + " WHERE id = 1");
        }
        cluster.startCommandSide();
        cluster.startQuerySide();
        awaitLedger(() -> cluster.countEvents(restarted[0], "DeviceUnregistered", "ACTIVITY_WINDOW_ELAPSED") == 4);
        cluster.awaitQuery("/api/v1/projects/" + restarted[0] + "/devices", body -> body.get("total").asLong() == 0,
                WAIT);
        LedgerCluster.Response newcomer = cluster.authorize(restarted[1], "newcomer");
        assertThat(newcomer.status()).as(newcomer.toString()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void renewalKeepsTheKeyStartsAFreshTermAndCarriesNothingOver() throws Exception {
        Instant now = cluster.serverNow();
        Instant renewalStarts = now.plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        LicenseItem firstTerm = Items.perUsage("lc-term-1", 100, now.minus(1, ChronoUnit.DAYS), renewalStarts, null);
        assertThat(cluster.importLicense(cluster.signLicense("LC-TERM-1", firstTerm)).status()).isEqualTo(201);
        String[] project = cluster.createProjectWith("Terms", firstTerm.itemId());
        assertThat(cluster.authorize(project[1], "meter-1").status()).isEqualTo(200);
        LedgerCluster.Response used = cluster.post(cluster.command(), "/api/v1/usage", Map.of(
                "licenseKey", project[1], "deviceId", "meter-1", "batchId", "term-1-batch",
                "entries", List.of(Map.of("at", now.toString(), "units", 30))), null);
        assertThat(used.body().get("unitsRemaining").asLong()).isEqualTo(75);

        LicenseItem secondTerm = Items.perUsage("lc-term-2", 100, renewalStarts,
                renewalStarts.plus(365, ChronoUnit.DAYS), "lc-term-1");
        LedgerCluster.Response renewal = cluster.importLicense(cluster.signLicense("LC-TERM-2", secondTerm));
        assertThat(renewal.status()).isEqualTo(201);
        assertThat(renewal.body().get("renewalsAttached").get(0).get("projectId").asString()).isEqualTo(project[0]);

        cluster.advanceClock(Duration.ofDays(3));
        Instant later = cluster.serverNow();
        assertThat(cluster.authorize(project[1], "meter-1").status()).as("the key is unchanged").isEqualTo(200);
        LedgerCluster.Response fresh = cluster.post(cluster.command(), "/api/v1/usage", Map.of(
                "licenseKey", project[1], "deviceId", "meter-1", "batchId", "term-2-batch",
                "entries", List.of(Map.of("at", later.toString(), "units", 10))), null);
        assertThat(fresh.body().get("state").asString()).isEqualTo("OK");
        assertThat(fresh.body().get("unitsRemaining").asLong())
                .as("a fresh 100 + 5 %, none of the first term's 70 left over").isEqualTo(95);

        JsonNode quota = cluster.awaitQuery("/api/v1/projects/" + project[0] + "/quota",
                body -> body.size() == 1 && body.get(0).get("used").asLong() == 10, WAIT).body();
        assertThat(quota.get(0).get("quota").asLong()).isEqualTo(100);
    }

    @Test
    @Order(4)
    void eachThresholdAlertReachesTheWebhookOnceEvenAfterTheReceiverFailedTwice() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.failingFirst(2)) {
            Instant now = cluster.serverNow();
            LicenseItem units = Items.perUsage("lc-alerts", 100, now.minus(1, ChronoUnit.DAYS),
                    now.plus(365, ChronoUnit.DAYS), null);
            assertThat(cluster.importLicense(cluster.signLicense("LC-ALERTS", units)).status()).isEqualTo(201);
            String[] project = cluster.createProjectWith("Alerts", units.itemId());
            LedgerCluster.Response recipients = cluster.put(cluster.command(),
                    "/api/v1/projects/" + project[0] + "/alert-recipients",
                    Map.of("webhookUrls", List.of(receiver.url()), "emailAddresses", List.of()));
            assertThat(recipients.status()).as(recipients.toString()).isEqualTo(200);
            receiver.useSecret(recipients.body().get("signingSecret").asString());

            assertThat(cluster.authorize(project[1], "alerting-1").status()).isEqualTo(200);
            reportUsage(project[1], "alerting-1", "to-65", 65);
            JsonNode first = awaitDeliveries(project[0], 1);
            assertThat(first.get(0).get("alertId").asString()).startsWith("QUOTA_THRESHOLD:PER_USAGE:60:");
            assertThat(first.get(0).get("attempts").asInt()).isEqualTo(3);
            assertThat(first.get(0).get("history").findValuesAsString("httpStatus")).containsExactly("500", "500", "204");

            reportUsage(project[1], "alerting-1", "to-85", 20);
            JsonNode both = awaitDeliveries(project[0], 2);
            LedgerCluster.sleep(3_000);
            assertThat(cluster.get(cluster.command(), "/api/v1/projects/" + project[0] + "/alert-deliveries")
                    .body().get("total").asInt()).isEqualTo(2);
            assertThat(receiver.deliveredAlertIds()).as("each threshold delivered exactly once")
                    .containsExactlyInAnyOrder(both.get(0).get("alertId").asString(),
                            both.get(1).get("alertId").asString());
            assertThat(receiver.badSignatures()).isZero();
            assertThat(cluster.countEvents(project[0], "AlertRaised")).isEqualTo(2);
        }
    }

    private void reportUsage(String licenseKey, String deviceId, String batchId, int units) {
        LedgerCluster.Response answer = cluster.post(cluster.command(), "/api/v1/usage", Map.of(
                "licenseKey", licenseKey, "deviceId", deviceId, "batchId", batchId,
                "entries", List.of(Map.of("at", cluster.serverNow().toString(), "units", units))), null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    /** Waits until {@code count} deliveries are DELIVERED and answers them. */
    private JsonNode awaitDeliveries(String projectId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (true) {
            JsonNode deliveries = cluster.get(cluster.command(), "/api/v1/projects/" + projectId + "/alert-deliveries")
                    .body().get("deliveries");
            long delivered = deliveries.valueStream().filter(d -> "DELIVERED".equals(d.get("status").asString())).count();
            if (delivered == count) {
                return deliveries;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " delivered alerts, got " + deliveries);
            }
            LedgerCluster.sleep(200);
        }
    }

    private static void awaitLedger(LedgerCheck check) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the ledger did not reach the expected state within " + WAIT);
            }
            LedgerCluster.sleep(100);
        }
    }

    @FunctionalInterface
    private interface LedgerCheck {
        boolean holds() throws Exception;
    }
}
