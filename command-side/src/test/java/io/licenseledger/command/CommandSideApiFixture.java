package io.licenseledger.command;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.LicenseDocument;
import io.licenseledger.service.LedgerApplications;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side as the SDK and an admin meet it: the real service on a random port, H2 in a folder of its own,
 * driven over HTTP. The API tests extend this fixture and so share its one Spring context (same configuration, so
 * the context cache hands it to each); every test makes its own license and project, so they share it safely.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CommandSideApiFixture {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcde";
    static final String AUDITOR_TOKEN = "test-auditor-token-0123456789abc";
    static final Ed25519PrivateKey VENDOR_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    static final Ed25519PrivateKey UNTRUSTED_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PROBLEM_JSON = "application/problem+json";
    static final int ONE_MIB = 1024 * 1024;
    static final String KEY = "$LICENSE_KEY$";
    static final String DEVICE_UNREGISTERED = "io.licenseledger.events.project.DeviceUnregistered";
    static final int SNAPSHOT_THRESHOLD = 20;
    static final int CHECKPOINT_EVERY_EVENTS = 5;

    /** One folder for the one context all the API tests share; under target/, which a clean build removes. */
    static final Path DATA_DIR = Path.of("target", "command-side-api", UUID.randomUUID().toString()).toAbsolutePath();

    static {
        LedgerApplications.disableAxonUpdateChecker();
    }

    @DynamicPropertySource
    static void ledgerProperties(DynamicPropertyRegistry registry) {
        CommandSideTestProperties.register(registry, () -> DATA_DIR, ADMIN_TOKEN, AUDITOR_TOKEN,
                VENDOR_KEY.publicKey());
        registry.add("ledger.snapshots.threshold", () -> SNAPSHOT_THRESHOLD);
        registry.add("ledger.audit.checkpoint.every-events", () -> CHECKPOINT_EVERY_EVENTS);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** A project with 2 seats (+50 % overage) and 1000 units (+10 %), for tests that record nothing on it. */
    static LicensedProject shared;

    record LicensedProject(String licenseId, String projectId, String licenseKey, LicenseItem seats,
                                   LicenseItem units) {
    }

    record KeyedProject(String projectId, String licenseKey) {
    }

    /** Made before the first test: the server only runs once a test instance exists, so not in a static hook. */
    @BeforeEach
    void createSharedProjectOnce() {
        if (shared == null) {
            assertThat(ADMIN_TOKEN).hasSize(32);
            shared = licensedProject();
        }
    }

    LicensedProject shared() {
        return shared;
    }

    LicensedProject licensedProject() {
        return licensedProject(true);
    }

    LicensedProject licensedProject(boolean withUsageItem) {
        String suffix = suffix();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LicenseItem seats = perDevice("seats-" + suffix, 2, "PERCENT(50)", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
        LicenseItem units = perUsage("units-" + suffix, 1000, "PERCENT(10)", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
        String licenseId = "lic-" + suffix;
        KeyedProject project = projectWith(licenseId, withUsageItem ? new LicenseItem[] {seats, units}
                : new LicenseItem[] {seats});
        return new LicensedProject(licenseId, project.projectId(), project.licenseKey(), seats, units);
    }

    /** A project with only {@code items}, imported in a license of their own and attached. */
    KeyedProject projectWith(LicenseItem... items) {
        return projectWith("lic-" + suffix(), items);
    }

    private KeyedProject projectWith(String licenseId, LicenseItem... items) {
        importLicense(document(licenseId, items));
        JsonNode project = createProject();
        String projectId = project.get("projectId").asString();
        for (LicenseItem item : items) {
            HttpResponse<String> attached = adminPost("/api/v1/projects/" + projectId + "/items",
                    Map.of("itemId", item.itemId().value()));
            assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
            assertThat(json(attached).get("attached").asBoolean()).isTrue();
        }
        return new KeyedProject(projectId, project.get("licenseKey").asString());
    }

    /** Ends far enough ahead that none of its expiry alerts falls due, and the sweeper records nothing, meanwhile. */
    static LicenseItem item(String prefix) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return perDevice(prefix + "-" + suffix(), 3, "NONE", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(90)));
    }

    static LicenseDocument document(String licenseId, LicenseItem... items) {
        return new LicenseDocument(new LicenseId(licenseId), "Acme Corp", Instant.parse("2026-01-01T00:00:00Z"),
                List.of(items));
    }

    void importLicense(LicenseDocument document) {
        HttpResponse<String> response = adminPost("/api/v1/licenses",
                Map.of("licenseFile", document.sign(VENDOR_KEY)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    JsonNode createProject() {
        HttpResponse<String> response = adminPost("/api/v1/projects", Map.of("name", "Project " + suffix()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> authorizeBody(LicensedProject project, String deviceId) {
        return authorizeBody(project.licenseKey(), deviceId);
    }

    static Map<String, Object> authorizeBody(String licenseKey, String deviceId) {
        return Map.of("licenseKey", licenseKey, "deviceId", deviceId);
    }

    static String authorize(String key, String deviceIdJson, String appIdJson) {
        return "{\"licenseKey\":\"" + key + "\",\"deviceId\":" + deviceIdJson
                + (appIdJson == null ? "" : ",\"appId\":" + appIdJson) + "}";
    }

    static Map<String, Object> usageBody(String key, String deviceId, String batchId,
                                                 List<Map<String, Object>> entries) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("licenseKey", key);
        body.put("deviceId", deviceId);
        body.put("batchId", batchId);
        body.put("entries", entries);
        return body;
    }

    static Map<String, Object> entry(String at, long units, String feature) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", at);
        entry.put("units", units);
        if (feature != null) {
            entry.put("feature", feature);
        }
        return entry;
    }

    static String usage(String key, String deviceId, String batchId, String entryJson) {
        return "{\"licenseKey\":\"" + key + "\",\"deviceId\":\"" + deviceId + "\",\"batchId\":\"" + batchId
                + "\",\"entries\":[" + entryJson + "]}";
    }

    static String entryJson(String at, String unitsJson) {
        return "{\"at\":\"" + at + "\",\"units\":" + unitsJson + "}";
    }

    /** The call is refused with {@code status} and {@code code}, and the ledger holds no new event. */
    HttpResponse<String> refusedRecordingNothing(Supplier<HttpResponse<String>> call, int status, String code) {
        long before = events();
        HttpResponse<String> response = call.get();
        assertProblem(response, status, code);
        assertThat(events()).isEqualTo(before);
        return response;
    }

    /**
     * Posts {@code body} to an SDK path with the shared project's key for {@value #KEY}: refused as a validation
     * failure, recording nothing. Returns the problem's detail.
     */
    String validationFailureDetail(String path, String body) {
        HttpResponse<String> response = refusedRecordingNothing(
                () -> post(path, body.replace(KEY, shared().licenseKey())), 400, "VALIDATION_FAILED");
        return json(response).get("detail").asString();
    }

    void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    long eventsOf(String aggregateId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    List<String> payloadTypesOf(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId);
    }

    List<JsonNode> payloadsOf(String aggregateId) {
        return jdbc.query("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", (rs, i) -> JSON.readTree(rs.getBytes("payload")), aggregateId);
    }

    List<JsonNode> metaDataOf(String aggregateId) {
        return jdbc.query("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", (rs, i) -> JSON.readTree(rs.getBytes("meta_data")), aggregateId);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                        : JSON.writeValueAsString(body))));
    }

    HttpResponse<String> adminPost(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    HttpResponse<String> adminDelete(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .DELETE());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String member(JsonNode object, String name) {
        assertThat(object.has(name)).as("%s has %s", object, name).isTrue();
        return object.get(name).asString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
