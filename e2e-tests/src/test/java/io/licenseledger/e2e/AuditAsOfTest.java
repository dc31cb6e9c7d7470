package io.licenseledger.e2e;

import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.ItemId;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As of (rule AU5) against both real services: while a project's history unfolds on a clock the test moves forward
 * (devices, usage, added quota, a suspension, lapsed registrations, a renewal, expiry), the query side's read models
 * are captured at several instants; afterwards the command side's as-of answer for each instant, folded from the
 * ledger alone, must say the same. The usage history recomputed from the ledger matches the usage read model.
 */
class AuditAsOfTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AutoClose
    private LedgerCluster cluster;

    private record Capture(String name, Instant at, Map<String, Object> readModels) {
    }

    @Test
    void asOfEachCapturedInstantEqualsTheReadModelsSeenLiveThen() throws Exception {
        cluster = LedgerCluster.onSelectedStore("ledger-as-of").withAdjustableClock().start();
        Instant start = cluster.serverNow().truncatedTo(ChronoUnit.SECONDS);
        LicenseItem seats = Items.perDevice("asof-seats", 3, ActiveWindow.P1D, start.minus(1, ChronoUnit.DAYS),
                start.plus(10, ChronoUnit.DAYS));
        LicenseItem units = new LicenseItem(new ItemId("asof-units"), LicenseType.PER_USAGE, 100,
                start.minus(1, ChronoUnit.DAYS), start.plus(10, ChronoUnit.DAYS), null, Duration.ofHours(1), null,
                OveragePolicy.percent(10), null);
        LicenseItem extra = Items.perDevice("asof-extra", 2, ActiveWindow.P1D, start.minus(1, ChronoUnit.DAYS),
                start.plus(20, ChronoUnit.DAYS));
        LicenseItem renewal = new LicenseItem(new ItemId("asof-seats-2"), LicenseType.PER_DEVICE, 5,
                start.plus(10, ChronoUnit.DAYS), start.plus(375, ChronoUnit.DAYS), ActiveWindow.P30D,
                Duration.ofHours(1), null, OveragePolicy.NONE, new ItemId("asof-seats"));
        assertThat(cluster.importLicense(cluster.signLicense("ASOF-1", seats, units)).status()).isEqualTo(201);
        assertThat(cluster.importLicense(cluster.signLicense("ASOF-2", extra)).status()).isEqualTo(201);
        String[] project = cluster.createProjectWith("As of", seats.itemId(), units.itemId());
        String projectId = project[0];
        String key = project[1];
        List<Capture> captures = new ArrayList<>();

        authorized(key, "dev-1");
        authorized(key, "dev-2");
        usage(key, "dev-1", "b-1", 30);
        captures.add(capture("two devices, usage", projectId));

        cluster.advanceClock(Duration.ofHours(2));
        authorized(key, "dev-3");
        authorized(key, "dev-4");
        assertThat(cluster.post(cluster.command(), "/api/v1/projects/" + projectId + "/items",
                Map.of("itemId", extra.itemId().value()), cluster.adminToken).status()).isEqualTo(200);
        authorized(key, "dev-5");
        usage(key, "dev-5", "b-2", 90);
        captures.add(capture("quota added, a device on it, usage in overage", projectId));

        cluster.advanceClock(Duration.ofHours(1));
        assertThat(cluster.post(cluster.command(), "/api/v1/projects/" + projectId + "/suspend",
                Map.of("note", "audit"), cluster.adminToken).status()).isEqualTo(200);
        assertThat(cluster.post(cluster.command(), "/api/v1/projects/" + projectId + "/items/"
                + units.itemId().value() + "/suspend", Map.of(), cluster.adminToken).status()).isEqualTo(200);
        captures.add(capture("project and usage item suspended", projectId));

        cluster.advanceClock(Duration.ofHours(1));
        assertThat(cluster.post(cluster.command(), "/api/v1/projects/" + projectId + "/reinstate", Map.of(),
                cluster.adminToken).status()).isEqualTo(200);
        cluster.advanceClock(Duration.ofHours(25));
        awaitQuietLedger();
        authorized(key, "dev-6");
        captures.add(capture("registrations lapsed after a day, one new device", projectId));

        assertThat(cluster.importLicense(cluster.signLicense("ASOF-3", renewal)).status()).isEqualTo(201);
        cluster.advanceClock(Duration.ofDays(9));
        awaitQuietLedger();
        captures.add(capture("first term ended, renewal serving", projectId));

        for (Capture capture : captures) {
            LedgerCluster.Response asOf = cluster.get(cluster.command(), "/api/v1/audit/projects/" + projectId
                    + "/as-of?size=500&at=" + URLEncoder.encode(capture.at().toString(), StandardCharsets.UTF_8));
            assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
            assertThat(asOfView(asOf.body())).as(capture.name() + " at " + capture.at())
                    .isEqualTo(capture.readModels());
        }
        assertThat(captures.get(1).readModels().get("devices").toString()).contains("dev-5");
        assertThat(captures.get(4).readModels().get("quota").toString()).contains("PER_DEVICE 7");

        LedgerCluster.Response history = cluster.get(cluster.query(), "/api/v1/audit/projects/" + projectId
                + "/usage-history?granularity=month");
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.body().get("totalUnits").asLong()).isEqualTo(120);
        assertThat(history.body().get("check").get("matches").asBoolean()).as(history.body().toString()).isTrue();
    }

    private void authorized(String key, String deviceId) {
        LedgerCluster.Response answer = cluster.authorize(key, deviceId);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    private void usage(String key, String deviceId, String batchId, long units) {
        Instant at = cluster.serverNow().minusSeconds(1);
        LedgerCluster.Response answer = cluster.post(cluster.command(), "/api/v1/usage", Map.of("licenseKey", key,
                "deviceId", deviceId, "batchId", batchId, "entries", List.of(Map.of("at", at.toString(),
                        "units", units))), null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    /** Once the query side has folded the whole ledger: the instant, and its read models as they answer then. */
    private Capture capture(String name, String projectId) throws Exception {
        awaitQuietLedger();
        Instant at = cluster.serverNow();
        LedgerCluster.sleep(5);
        Map<String, Object> readModels = new LinkedHashMap<>();
        readModels.put("status", cluster.get(cluster.query(), "/api/v1/projects/" + projectId).body().get("status")
                .asString());
        List<String> devices = new ArrayList<>();
        JsonNode listed = cluster.get(cluster.query(), "/api/v1/projects/" + projectId
                + "/devices?size=500&sort=deviceId,asc").body();
        listed.get("devices").forEach(device -> devices.add(device.get("deviceId").asString() + " "
                + device.get("itemId").asString() + " " + device.get("licenseType").asString() + " "
                + micros(device.get("registeredUntil")) + " " + device.get("overage").asBoolean()));
        readModels.put("devices", devices);
        readModels.put("quota", quota(cluster.get(cluster.query(), "/api/v1/projects/" + projectId + "/quota").body()));
        List<String> items = new ArrayList<>();
        cluster.get(cluster.query(), "/api/v1/projects/" + projectId + "/items").body().forEach(item -> items.add(
                item.get("itemId").asString() + " " + item.get("type").asString() + " "
                        + item.get("quantity").asLong() + " " + item.get("validFrom").asString() + " "
                        + item.get("validUntil").asString() + " " + item.get("status").asString() + " "
                        + item.get("lifecycle").asString() + " " + item.get("used").asLong() + " "
                        + item.get("remaining").asLong()));
        readModels.put("items", items);
        return new Capture(name, at, readModels);
    }

    private static Map<String, Object> asOfView(JsonNode asOf) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", asOf.get("status").asString());
        List<String> devices = new ArrayList<>();
        asOf.get("devices").get("registered").forEach(device -> devices.add(device.get("deviceId").asString() + " "
                + device.get("itemId").asString() + " " + device.get("licenseType").asString() + " "
                + micros(device.get("registeredUntil")) + " " + device.get("overage").asBoolean()));
        view.put("devices", devices);
        view.put("quota", quota(asOf.get("quota")));
        List<String> items = new ArrayList<>();
        asOf.get("items").forEach(item -> items.add(item.get("itemId").asString() + " " + item.get("type").asString()
                + " " + item.get("quantity").asLong() + " " + item.get("validFrom").asString() + " "
                + item.get("validUntil").asString() + " " + item.get("term").asString() + " "
                + item.get("lifecycle").asString() + " " + item.get("used").asLong() + " "
                + item.get("remaining").asLong()));
        view.put("items", items);
        return view;
    }

    /** The read models keep instants to the microsecond (SQL timestamps), the ledger's events to the nanosecond. */
    private static Instant micros(JsonNode instant) {
        return Instant.parse(instant.asString()).truncatedTo(ChronoUnit.MICROS);
    }

    private static List<String> quota(JsonNode quota) {
        List<String> types = new ArrayList<>();
        quota.forEach(type -> types.add(type.get("type").asString() + " " + type.get("quota").asLong() + " "
                + type.get("allowance") + " " + type.get("unlimited").asBoolean() + " " + type.get("used").asLong()
                + " " + type.get("remaining").asLong() + " " + type.get("expiresAt").asString()));
        return types;
    }

    /** No event for a second (the sweeper runs every 0.2 s here), and the query side has folded them all. */
    private void awaitQuietLedger() throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        long head = head();
        while (true) {
            LedgerCluster.sleep(1_000);
            long now = head();
            if (now == head && queryPosition() >= head) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the ledger did not come to rest within " + WAIT);
            }
            head = now;
        }
    }

    private long head() throws Exception {
        try (Connection connection = cluster.store.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(global_index) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long queryPosition() {
        long position = Long.MAX_VALUE;
        for (JsonNode processor : cluster.get(cluster.query(), "/api/v1/admin/replay").body().get("processors")) {
            position = Math.min(position, processor.get("position").asLong());
        }
        return position;
    }
}
