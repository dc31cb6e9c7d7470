package io.licenseledger.e2e;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path a newcomer walks, over HTTP against both real services on one store: import a license, create projects,
 * authorize devices up to seats plus overage, see the next refused, report usage and see it on the query side,
 * repeat the batch and see it counted once. Runs once per store (H2 and PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SdkContractPath {

    static final Duration PROJECTION_WAIT = Duration.ofSeconds(15);

    @AutoClose
    private LedgerCluster cluster;

    abstract LedgerStore store() throws Exception;

    @BeforeAll
    void startServices() throws Exception {
        cluster = new LedgerCluster(store(), LedgerCluster.tempDir("ledger-e2e")).start();
    }

    @Test
    @Order(1)
    void eachServiceListensOnItsHttpPortAndTheCommandSideOnTheServedStorePortOfLoopbackOnly() throws Exception {
        List<String> commandSide = new ArrayList<>(List.of("*:" + cluster.commandSide.port()));
        cluster.store.servedPort().ifPresent(port -> commandSide.add("127.0.0.1:" + port));

        assertThat(ListeningSockets.of(cluster.commandSide.pid())).containsExactlyInAnyOrderElementsOf(commandSide);
        assertThat(ListeningSockets.of(cluster.querySide.pid())).containsExactly("*:" + cluster.querySide.port());
    }

    @Test
    @Order(2)
    void devicesAreAuthorizedUpToSeatsPlusOverageAndUsageIsCountedOnce() throws Exception {
        LicenseItem seats = Items.perDevice("e2e-seats", 10, OveragePolicy.percent(10));
        LicenseItem units = Items.perUsage("e2e-units", 1_000, OveragePolicy.percent(5));
        String licenseFile = cluster.signLicense("E2E-LICENSE", seats, units);

        LedgerCluster.Response imported = cluster.importLicense(licenseFile);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        LedgerCluster.Response again = cluster.importLicense(licenseFile);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("alreadyImported").asBoolean()).isTrue();

        String[] seatProject = cluster.createProjectWith("Seat project", seats.itemId());
        String[] usageProject = cluster.createProjectWith("Usage project", units.itemId());

        // 10 seats + PERCENT(10) = 11 devices; the 12th is refused, and the refusal is recorded (A8).
        for (int i = 1; i <= 11; i++) {
            LedgerCluster.Response granted = cluster.authorize(seatProject[1], "device-" + i);
            assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
            assertThat(granted.body().get("status").asString()).isEqualTo("AUTHORIZED");
            assertThat(granted.body().get("overage").asBoolean()).isEqualTo(i == 11);
            assertThat(granted.body().get("licenseType").asString()).isEqualTo("PER_DEVICE");
            assertThat(granted.body().get("leaseToken").asString()).contains(".");
        }
        LedgerCluster.Response refused = cluster.authorize(seatProject[1], "device-12");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(cluster.authorize(seatProject[1], "device-3").status())
                .as("a registered device keeps working while the project is full (A2)").isEqualTo(200);
        assertThat(cluster.countEvents(seatProject[0], "AuthorizationRefused")).isEqualTo(1);

        cluster.awaitQuery("/api/v1/projects/" + seatProject[0] + "/devices?size=50",
                body -> body.get("total").asLong() == 11, PROJECTION_WAIT);

        // Usage: 600 units now and 500 dated yesterday, sent at once as an offline device would (U1, U4).
        assertThat(cluster.authorize(usageProject[1], "scanner-1").status()).isEqualTo(200);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> batch = Map.of("licenseKey", usageProject[1], "deviceId", "scanner-1", "batchId", "b-1",
                "entries", List.of(
                        Map.of("at", now.minus(1, ChronoUnit.HOURS).toString(), "units", 600, "feature", "scan"),
                        Map.of("at", now.minus(20, ChronoUnit.HOURS).toString(), "units", 440)));
        LedgerCluster.Response recorded = cluster.post(cluster.command(), "/api/v1/usage", batch, null);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.body().get("duplicate").asBoolean()).isFalse();
        assertThat(recorded.body().get("state").asString()).isEqualTo("OVERAGE");
        assertThat(recorded.body().get("unitsRecorded").asLong()).isEqualTo(1_040);
        assertThat(recorded.body().get("unitsRemaining").asLong()).isEqualTo(10);

        LedgerCluster.Response repeated = cluster.post(cluster.command(), "/api/v1/usage", batch, null);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body().get("duplicate").asBoolean()).isTrue();
        assertThat(repeated.body().get("state").asString()).isEqualTo("OVERAGE");
        assertThat(cluster.countEvents(usageProject[0], "UsageRecorded")).isEqualTo(1);

        JsonNode quota = cluster.awaitQuery("/api/v1/projects/" + usageProject[0] + "/quota",
                body -> usedOf(body, "PER_USAGE") == 1_040, PROJECTION_WAIT).body();
        assertThat(usedOf(quota, "PER_USAGE")).isEqualTo(1_040);
        String today = now.toString().substring(0, 10);
        String from = now.minus(2, ChronoUnit.DAYS).toString().substring(0, 10);
        JsonNode usage = cluster.get(cluster.query(), "/api/v1/projects/" + usageProject[0] + "/usage?from=" + from
                + "&to=" + today + "&granularity=hour").body();
        long total = StreamSupport.stream(usage.get("buckets").spliterator(), false)
                .mapToLong(bucket -> bucket.get("units").asLong()).sum();
        assertThat(total).as("the repeated batch is counted once").isEqualTo(1_040);

        // Past the hard stop (1,000 + 5 %): the usage is still recorded, and authorizations are refused (U3, A5).
        Map<String, Object> pastLimit = Map.of("licenseKey", usageProject[1], "deviceId", "scanner-1",
                "batchId", "b-2", "entries", List.of(Map.of("at", now.toString(), "units", 20)));
        LedgerCluster.Response exhausted = cluster.post(cluster.command(), "/api/v1/usage", pastLimit, null);
        assertThat(exhausted.body().get("state").asString()).isEqualTo("EXHAUSTED");
        assertThat(exhausted.body().get("unitsRemaining").asLong()).isZero();
        assertThat(cluster.authorize(usageProject[1], "scanner-2").code()).isEqualTo("QUOTA_EXCEEDED");

        LedgerCluster.Response conflict = cluster.post(cluster.command(), "/api/v1/usage", Map.of(
                "licenseKey", usageProject[1], "deviceId", "scanner-1", "batchId", "b-1",
                "entries", List.of(Map.of("at", now.toString(), "units", 1))), null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("BATCH_CONFLICT");
    }

    /** Last, over everything the run wrote: the data dir and both services' captured output (rule AU3). */
    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretOfTheRunIsInAnyFileButTheOwnerOnlySecretFiles() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>(cluster.secretsUsed());
        for (Path secretFile : cluster.store.secretFiles()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                    .as(secretFile.toString()).isEqualTo("rw-------");
            secrets.put(secretFile.getFileName().toString(), Files.readString(secretFile).strip());
        }
        assertThat(secrets.keySet()).as("the run handed out license keys").anyMatch(name -> name.startsWith("credential"));

        List<String> found = cluster.filesHolding(secrets);
        List<String> expected = cluster.store.secretFiles().stream()
                .map(file -> file.getFileName() + " in " + file).toList();
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static long usedOf(JsonNode quota, String type) {
        for (JsonNode row : quota) {
            if (type.equals(row.path("type").asString())) {
                return row.path("used").asLong();
            }
        }
        return -1;
    }
}
