package io.licenseledger.command;

import io.licenseledger.command.credentials.LicenseKeys;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.licenseformat.Jws;
import io.licenseledger.licenseformat.JwsException;
import io.licenseledger.licenseformat.LicenseDocument;
import io.licenseledger.service.LedgerApplications;
import io.licenseledger.service.PublicRoutes;
import io.licenseledger.service.testing.BypassProbe;
import io.licenseledger.service.testing.RawHttp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.licenseledger.command.TestItems.concurrent;
import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.TestItems.renewing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The command side as the SDK and an admin meet it: the real service on a random port, H2 in a temporary folder,
 * driven over HTTP. Every test makes its own license and project, so the tests share the one context safely.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommandSideApiTest {

    private static final String ADMIN_TOKEN = "test-admin-token-0123456789abcde";
    private static final String AUDITOR_TOKEN = "test-auditor-token-0123456789abc";
    private static final Ed25519PrivateKey VENDOR_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final Ed25519PrivateKey UNTRUSTED_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final int ONE_MIB = 1024 * 1024;
    private static final String KEY = "$LICENSE_KEY$";
    private static final String DEVICE_UNREGISTERED = "io.licenseledger.events.project.DeviceUnregistered";
    private static final int SNAPSHOT_THRESHOLD = 20;

    @TempDir
    static Path dataDir;

    static {
        LedgerApplications.disableAxonUpdateChecker();
    }

    @DynamicPropertySource
    static void ledgerProperties(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
        registry.add("ledger.admin-token", () -> ADMIN_TOKEN);
        registry.add("ledger.auditor-token", () -> AUDITOR_TOKEN);
        registry.add("ledger.trusted-vendor-keys[0]", () -> Base64Url.encode(VENDOR_KEY.publicKey().raw()));
        registry.add("ledger.snapshots.threshold", () -> SNAPSHOT_THRESHOLD);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private EventStore eventStore;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private List<PublicRoutes> publicRoutes;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** A project with 2 seats (+50 % overage) and 1000 units (+10 %), for tests that record nothing on it. */
    private static LicensedProject shared;

    private record LicensedProject(String licenseId, String projectId, String licenseKey, LicenseItem seats,
                                   LicenseItem units) {
    }

    private record KeyedProject(String projectId, String licenseKey) {
    }

    /** Made before the first test: the server only runs once a test instance exists, so not in a static hook. */
    @BeforeEach
    void createSharedProjectOnce() {
        if (shared == null) {
            assertThat(ADMIN_TOKEN).hasSize(32);
            shared = licensedProject();
        }
    }

    private LicensedProject shared() {
        return shared;
    }

    // ---- SDK: authorization, leases, usage ----

    @Test
    void authorizedDeviceGetsALeaseThatTheJwksKeyVerifies() {
        LicensedProject project = licensedProject();

        HttpResponse<String> response = post("/api/v1/authorize",
                Map.of("licenseKey", project.licenseKey(), "deviceId", "dev-lease", "deviceName", "Front desk"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode grant = json(response);
        assertThat(grant.get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(grant.get("projectId").asString()).isEqualTo(project.projectId());
        assertThat(grant.get("deviceId").asString()).isEqualTo("dev-lease");
        assertThat(grant.get("licenseType").asString()).isEqualTo("PER_DEVICE");
        assertThat(grant.get("overage").asBoolean()).isFalse();
        Instant serverTime = Instant.parse(grant.get("serverTime").asString());
        Instant leaseExpiresAt = Instant.parse(grant.get("leaseExpiresAt").asString());
        assertThat(leaseExpiresAt).isEqualTo(serverTime.plus(TestItems.OFFLINE_WINDOW));

        HttpResponse<String> jwks = get("/.well-known/jwks.json", Map.of());
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = json(jwks).get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("OKP");
        assertThat(key.get("crv").asString()).isEqualTo("Ed25519");
        assertThat(key.get("alg").asString()).isEqualTo("EdDSA");
        assertThat(key.has("d")).as("the JWKS must not publish the private key").isFalse();

        JsonNode claims = JSON.readTree(verifiedLease(grant.get("leaseToken").asString(), key.get("x").asString()));
        assertThat(claims.get("exp").asLong()).isEqualTo(leaseExpiresAt.getEpochSecond());
        assertThat(claims.get("iat").asLong()).isEqualTo(serverTime.getEpochSecond());
        assertThat(claims.get("project").asString()).isEqualTo(project.projectId());
        assertThat(claims.get("device").asString()).isEqualTo("dev-lease");
        assertThat(claims.get("type").asString()).isEqualTo("PER_DEVICE");
        assertThat(claims.get("item").asString()).isEqualTo(project.seats().itemId().value());
    }

    @Test
    void leaseSignedByAnotherKeyIsNotVerifiedByTheJwksKey() {
        String forged = Jws.sign("{\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8), UNTRUSTED_KEY, "lease+jwt");
        String x = json(get("/.well-known/jwks.json", Map.of())).get("keys").get(0).get("x").asString();

        assertThat(catchThrowable(() -> verifiedLease(forged, x)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void deviceOverSeatsAndAllowanceIsRefusedAndTheRefusalIsRecorded() {
        LicensedProject project = licensedProject(false);
        List<Boolean> overage = new ArrayList<>();
        for (String device : List.of("dev-1", "dev-2", "dev-3")) {
            HttpResponse<String> granted = post("/api/v1/authorize", authorizeBody(project, device));
            assertThat(granted.statusCode()).isEqualTo(200);
            overage.add(json(granted).get("overage").asBoolean());
        }
        assertThat(overage).containsExactly(false, false, true);
        long before = eventsOf(project.projectId());

        HttpResponse<String> refused = post("/api/v1/authorize", authorizeBody(project, "dev-4"));
        HttpResponse<String> known = post("/api/v1/authorize", authorizeBody(project, "dev-1"));

        assertProblem(refused, 403, "QUOTA_EXCEEDED");
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(payloadTypesOf(project.projectId()).subList((int) before, (int) before + 2))
                .containsExactly("io.licenseledger.events.project.AuthorizationRefused",
                        "io.licenseledger.events.project.DeviceAuthorized");
    }

    @Test
    void usageBatchIsRecordedOnceAndItsRepeatGetsTheFirstAnswer() {
        LicensedProject project = licensedProject();
        Map<String, Object> batch = usageBody(project.licenseKey(), "dev-u", "batch-1",
                List.of(entry(Instant.now().minusSeconds(60).toString(), 40, "scan")));

        HttpResponse<String> first = post("/api/v1/usage", batch);
        long afterFirst = events();
        HttpResponse<String> repeat = post("/api/v1/usage", batch);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first)).isEqualTo(JSON.readTree("""
                {"batchId":"batch-1","duplicate":false,"state":"OK","unitsRecorded":40,"unitsRemaining":1060}"""));
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(json(repeat)).isEqualTo(JSON.readTree("""
                {"batchId":"batch-1","duplicate":true,"state":"OK","unitsRecorded":40,"unitsRemaining":1060}"""));
        assertThat(events()).isEqualTo(afterFirst);
    }

    @Test
    void otherEntriesUnderAUsedBatchIdAreRefusedAsBatchConflictAndNothingIsRecorded() {
        LicensedProject project = licensedProject();
        String at = Instant.now().minusSeconds(60).toString();
        assertThat(post("/api/v1/usage", usageBody(project.licenseKey(), "dev-u", "batch-1",
                List.of(entry(at, 40, null)))).statusCode()).isEqualTo(200);
        long before = events();

        HttpResponse<String> conflict = post("/api/v1/usage", usageBody(project.licenseKey(), "dev-u", "batch-1",
                List.of(entry(at, 41, null))));

        assertProblem(conflict, 409, "BATCH_CONFLICT");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void sameBatchIdFromAnotherDeviceIsAnotherBatch() {
        LicensedProject project = licensedProject();
        String at = Instant.now().minusSeconds(60).toString();
        post("/api/v1/usage", usageBody(project.licenseKey(), "dev-a", "batch-1", List.of(entry(at, 40, null))));

        HttpResponse<String> other = post("/api/v1/usage", usageBody(project.licenseKey(), "dev-b", "batch-1",
                List.of(entry(at, 41, null))));

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(json(other).get("duplicate").asBoolean()).isFalse();
        assertThat(json(other).get("unitsRemaining").asLong()).isEqualTo(1100 - 81);
    }

    @Test
    void usageDatedAheadOfTheServerIsRefusedAsClockSkewAndNothingIsRecorded() {
        long before = events();

        HttpResponse<String> response = post("/api/v1/usage", usageBody(shared().licenseKey(), "dev-skew", "batch-1",
                List.of(entry(Instant.now().plus(Duration.ofMinutes(10)).toString(), 1, null))));

        assertProblem(response, 400, "CLOCK_SKEW");
        assertThat(json(response).get("detail").asString()).contains("entries[0].at");
        assertThat(events()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_batch WHERE project_id = ?", Long.class,
                shared().projectId())).isZero();
    }

    @Test
    void releaseAnswersNoContentForAKnownKey() {
        HttpResponse<String> response = post("/api/v1/release",
                Map.of("licenseKey", shared().licenseKey(), "deviceId", "dev-release"));

        assertThat(response.statusCode()).isEqualTo(204);
    }

    // ---- SDK: malformed input is refused before any command ----

    /** Bodies with a valid license key ({@value #KEY} stands for it), each spoiled in one place. */
    static Stream<Arguments> malformedUsageReports() {
        String key = KEY;
        String at = Instant.now().minusSeconds(60).toString();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(entry(at, 1, null));
        }
        return Stream.of(
                arguments("bad JSON", "{\"licenseKey\": \"" + key + "\", \"deviceId\": ", "JSON"),
                arguments("JSON after the body", JSON.writeValueAsString(usageBody(key, "d", "b",
                        List.of(entry(at, 1, null)))) + " {}", "JSON"),
                arguments("units as text", usage(key, "dev-1", "b-1", entryJson(at, "\"abc\"")), "units"),
                arguments("fractional units", usage(key, "dev-1", "b-1", entryJson(at, "1.5")), "units"),
                arguments("units 0", usage(key, "dev-1", "b-1", entryJson(at, "0")), "units"),
                arguments("negative units", usage(key, "dev-1", "b-1", entryJson(at, "-3")), "units"),
                arguments("units missing", usage(key, "dev-1", "b-1", "{\"at\":\"" + at + "\"}"), "units"),
                arguments("deviceId as a number", "{\"licenseKey\":\"" + key + "\",\"deviceId\":42,"
                        + "\"batchId\":\"b-1\",\"entries\":[" + entryJson(at, "1") + "]}", "deviceId"),
                arguments("deviceId missing", "{\"licenseKey\":\"" + key + "\",\"batchId\":\"b-1\",\"entries\":["
                        + entryJson(at, "1") + "]}", "deviceId"),
                arguments("deviceId with a space", usage(key, "dev 1", "b-1", entryJson(at, "1")), "deviceId"),
                arguments("deviceId of 129 characters", usage(key, "d".repeat(129), "b-1", entryJson(at, "1")),
                        "deviceId"),
                arguments("batchId with a slash", usage(key, "dev-1", "b/1", entryJson(at, "1")), "batchId"),
                arguments("feature of 129 characters", JSON.writeValueAsString(usageBody(key, "dev-1", "b-1",
                        List.of(entry(at, 1, "f".repeat(129))))), "feature"),
                arguments("no entries", JSON.writeValueAsString(usageBody(key, "dev-1", "b-1", List.of())),
                        "entries"),
                arguments("entries missing", "{\"licenseKey\":\"" + key + "\",\"deviceId\":\"dev-1\","
                        + "\"batchId\":\"b-1\"}", "entries"),
                arguments("10,001 entries", JSON.writeValueAsString(usageBody(key, "dev-1", "b-1", tooMany)),
                        "entries"),
                arguments("a null entry", usage(key, "dev-1", "b-1", "null"), "entries[0]"),
                arguments("at missing", usage(key, "dev-1", "b-1", "{\"units\":1}"), "at"),
                arguments("at not ISO-8601", usage(key, "dev-1", "b-1", entryJson("yesterday noon", "1")), "at"),
                arguments("at without zone", usage(key, "dev-1", "b-1", entryJson("2026-03-01T10:00:00", "1")),
                        "at"),
                arguments("licenseKey missing", "{\"deviceId\":\"dev-1\",\"batchId\":\"b-1\",\"entries\":["
                        + entryJson(at, "1") + "]}", "licenseKey"),
                arguments("units of Long.MAX_VALUE", usage(key, "dev-1", "b-1", entryJson(at, "9223372036854775807")),
                        "units"),
                arguments("units beyond long", usage(key, "dev-1", "b-1", entryJson(at, "18446744073709551614")),
                        "units"),
                arguments("units beyond long, negative", usage(key, "dev-1", "b-1",
                        entryJson(at, "-18446744073709551614")), "units"),
                arguments("units one over the maximum", usage(key, "dev-1", "b-1", entryJson(at, "1000000001")),
                        "units"),
                arguments("units with an exponent", usage(key, "dev-1", "b-1", entryJson(at, "1e3")), "units"),
                arguments("units as 1.0", usage(key, "dev-1", "b-1", entryJson(at, "1.0")), "units"),
                arguments("units as a numeric string", usage(key, "dev-1", "b-1", entryJson(at, "\"5\"")), "units"),
                arguments("at in year 1", usage(key, "dev-1", "b-1", entryJson("0001-01-01T00:00:00Z", "1")),
                        "entries[0].at"),
                arguments("at in year -1000000000", usage(key, "dev-1", "b-1",
                        entryJson("-1000000000-01-01T00:00:00Z", "1")), "entries[0].at"),
                arguments("at before the project's items start", usage(key, "dev-1", "b-1",
                        entryJson(Instant.now().minus(Duration.ofDays(3)).toString(), "1")), "entries[0].at"),
                arguments("at as epoch milliseconds", usage(key, "dev-1", "b-1",
                        "{\"at\":" + Instant.now().toEpochMilli() + ",\"units\":1}"), "at"),
                arguments("at as a date without time", usage(key, "dev-1", "b-1", entryJson("2026-03-01", "1")), "at"),
                arguments("at with ten fractional digits", usage(key, "dev-1", "b-1",
                        entryJson(at.replace("Z", "").replaceAll("\\.\\d*$", "") + ".0123456789Z", "1")), "at"),
                arguments("at past Instant.MAX", usage(key, "dev-1", "b-1",
                        entryJson("+1000000001-01-01T00:00:00Z", "1")), "at"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUsageReports")
    void malformedUsageReportIsRefusedNamingTheFieldAndNothingIsRecorded(String name, String body, String field) {
        long before = events();

        HttpResponse<String> response = post("/api/v1/usage", body.replace(KEY, shared().licenseKey()));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(json(response).get("detail").asString()).contains(field);
        assertThat(events()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z"})
    void usageDatedAtTheFarthestFutureJsonCanSayIsRefusedAsClockSkewAndNothingIsRecorded(String at) {
        long before = events();

        HttpResponse<String> response = post("/api/v1/usage", usage(shared().licenseKey(), "dev-far", "b-far",
                entryJson(at, "1")));

        assertProblem(response, 400, "CLOCK_SKEW");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void usageTimesWithAnOffsetOrALeapSecondAreRecordedInUtc() {
        LicensedProject project = licensedProject();
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        // Formatted, not toString(), which leaves the seconds out when they are zero (once a minute).
        String withOffset = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(hourAgo.atOffset(java.time.ZoneOffset.ofHours(2)));
        Instant endOfYesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minusSeconds(1);
        String leapSecond = endOfYesterday.toString().replace(":59:59Z", ":59:60Z");

        HttpResponse<String> response = post("/api/v1/usage", "{\"licenseKey\":\"" + project.licenseKey()
                + "\",\"deviceId\":\"dev-tz\",\"batchId\":\"b-tz\",\"entries\":[" + entryJson(withOffset, "2")
                + "," + entryJson(leapSecond, "3") + "]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode recorded = payloadsOf(project.projectId()).stream()
                .filter(payload -> payload.has("allocations")).findFirst().orElseThrow();
        assertThat(recorded.get("allocations").valueStream().map(allocation -> allocation.get("at").asString()))
                .containsExactly(hourAgo.toString(), endOfYesterday.toString());
    }

    @Test
    void maximalBatchIsRecordedWithItsExactSumAndTheProjectIsExhausted() {
        LicensedProject project = licensedProject();
        String at = Instant.now().minusSeconds(60).toString();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(entry(at, 1_000_000_000L, null));
        }

        HttpResponse<String> response = post("/api/v1/usage", usageBody(project.licenseKey(), "dev-max", "b-max",
                entries));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("unitsRecorded").asLong()).isEqualTo(10_000_000_000_000L);
        assertThat(json(response).get("state").asString()).isEqualTo("EXHAUSTED");
        assertThat(json(response).get("unitsRemaining").asLong()).isZero();
    }

    /** A license payload with one PER_DEVICE item, {@code field} of the item (or of the license) set to {@code json}. */
    static Stream<Arguments> licensesOutOfBounds() {
        return Stream.of(
                arguments("seats over 1,000,000", "seats", "1000001"),
                arguments("seats beyond long", "seats", "18446744073709551614"),
                arguments("seats with an exponent", "seats", "1e3"),
                arguments("seats as a fraction", "seats", "2.5"),
                arguments("validFrom before 2000", "validFrom", "\"1999-12-31T23:59:59Z\""),
                arguments("validFrom in year -1000000000", "validFrom", "\"-1000000000-01-01T00:00:00Z\""),
                arguments("validUntil after 9999", "validUntil", "\"+10000-01-01T00:00:00Z\""),
                arguments("validUntil at Instant.MAX", "validUntil", "\"+1000000000-12-31T23:59:59.999999999Z\""),
                arguments("validFrom as epoch seconds", "validFrom", "1767225600"),
                arguments("issuedAt in year 1", "issuedAt", "\"0001-01-01T00:00:00Z\""),
                arguments("overage of 101 percent", "overage", "\"PERCENT(101)\""),
                arguments("overage of 0 percent", "overage", "\"PERCENT(0)\""),
                arguments("offlineWindow of 366 days", "offlineWindow", "\"P366D\""),
                arguments("offlineWindow beyond Duration", "offlineWindow", "\"PT9999999999999999999H\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("licensesOutOfBounds")
    void licenseWithANumberOrTimeOutOfBoundsIsRefusedNamingTheFieldAndNothingIsRecorded(String name, String field,
                                                                                       String json) {
        Map<String, String> item = new LinkedHashMap<>(Map.of("itemId", "\"oob-" + suffix() + "\"",
                "type", "\"PER_DEVICE\"", "seats", "5", "validFrom", "\"2026-01-01T00:00:00Z\"",
                "validUntil", "\"2027-01-01T00:00:00Z\"", "activeWindow", "\"P30D\"", "offlineWindow", "\"P7D\""));
        String issuedAt = field.equals("issuedAt") ? json : "\"2026-01-01T00:00:00Z\"";
        if (!field.equals("issuedAt")) {
            item.put(field, json);
        }
        String payload = "{\"licenseId\":\"lic-oob-" + suffix() + "\",\"licensee\":\"Acme\",\"issuedAt\":" + issuedAt
                + ",\"items\":[{" + String.join(",", item.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).toList()) + "}]}";
        String license = Jws.sign(payload.getBytes(StandardCharsets.UTF_8), VENDOR_KEY, LicenseDocument.JWS_TYPE);
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/licenses", Map.of("licenseFile", license));

        assertProblem(response, 400, "LICENSE_MALFORMED");
        assertThat(json(response).get("detail").asString()).contains(field);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void licenseAtItsBoundsIsImported() {
        LicenseItem seats = perDevice("max-seats-" + suffix(), 1_000_000, "PERCENT(100)",
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));
        LicenseItem units = perUsage("max-units-" + suffix(), LicenseItem.MAX_QUANTITY, "PERCENT(100)",
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"));

        importLicense(new LicenseDocument(new LicenseId("lic-max-" + suffix()), "Acme Corp",
                Instant.parse("9999-12-31T23:59:59Z"), List.of(seats, units)));
    }

    static Stream<Arguments> malformedAuthorizations() {
        String key = KEY;
        return Stream.of(
                arguments("bad JSON", "{\"licenseKey\":", "JSON"),
                arguments("an array", "[]", "body"),
                arguments("deviceId missing", "{\"licenseKey\":\"" + key + "\"}", "deviceId"),
                arguments("deviceId as a number", "{\"licenseKey\":\"" + key + "\",\"deviceId\":42}", "deviceId"),
                arguments("deviceId with a space", authorize(key, "\"dev 1\"", null), "deviceId"),
                arguments("deviceId of 129 characters", authorize(key, "\"" + "d".repeat(129) + "\"", null),
                        "deviceId"),
                arguments("appId with a slash", authorize(key, "\"dev-1\"", "\"com/acme\""), "appId"),
                arguments("deviceName of 201 characters", "{\"licenseKey\":\"" + key + "\",\"deviceId\":\"dev-1\","
                        + "\"deviceName\":\"" + "n".repeat(201) + "\"}", "deviceName"),
                arguments("licenseKey missing", "{\"deviceId\":\"dev-1\"}", "licenseKey"),
                arguments("licenseKey blank", authorize("  ", "\"dev-1\"", null), "licenseKey"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthorizations")
    void malformedAuthorizationIsRefusedNamingTheFieldAndNothingIsRecorded(String name, String body, String field) {
        long before = events();

        HttpResponse<String> response = post("/api/v1/authorize", body.replace(KEY, shared().licenseKey()));

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(json(response).get("detail").asString()).containsIgnoringCase(field);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void bodyOverOneMebibyteWithItsLengthIsRefusedAsTooLargeAndNothingIsRecorded() {
        long before = events();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/usage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(oversizedUsageReport())));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void chunkedBodyGrowingOverOneMebibyteIsRefusedAsTooLargeAndNothingIsRecorded() {
        byte[] body = oversizedUsageReport().getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher withoutLength = HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body));
        assertThat(withoutLength.contentLength()).as("a body of unknown length is sent chunked").isEqualTo(-1);
        long before = events();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/usage"))
                .header("Content-Type", "application/json")
                .POST(withoutLength));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
        assertThat(events()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"malformed", "wrong prefix", "unknown", "another project's id with this credential",
            "this project's id with a new credential"})
    void invalidLicenseKeyIsRefusedOnEverySdkCallAndNothingIsRecorded(String kind) {
        String licenseKey = invalidKey(kind);
        long before = events();

        HttpResponse<String> authorize = post("/api/v1/authorize", Map.of("licenseKey", licenseKey, "deviceId", "d1"));
        HttpResponse<String> usage = post("/api/v1/usage", usageBody(licenseKey, "d1", "b1",
                List.of(entry(Instant.now().toString(), 1, null))));
        HttpResponse<String> release = post("/api/v1/release", Map.of("licenseKey", licenseKey, "deviceId", "d1"));

        assertProblem(authorize, 401, "LICENSE_KEY_INVALID");
        assertProblem(usage, 401, "LICENSE_KEY_INVALID");
        assertProblem(release, 401, "LICENSE_KEY_INVALID");
        assertThat(events()).isEqualTo(before);
    }

    private String invalidKey(String kind) {
        String valid = shared().licenseKey();
        return switch (kind) {
            case "malformed" -> "LL1.this-is-not-a-key";
            case "wrong prefix" -> "LL2." + valid.substring(4);
            case "unknown" -> LicenseKeys.issue(new ProjectId("prj_unknown"), "http://x", null).licenseKey();
            case "another project's id with this credential" -> "LL1." + Base64Url.encode(new String(
                    Base64Url.decode(valid.substring(4), "key"), StandardCharsets.UTF_8)
                    .replace(shared().projectId(), licensedProject().projectId()).getBytes(StandardCharsets.UTF_8));
            case "this project's id with a new credential" ->
                    LicenseKeys.issue(new ProjectId(shared().projectId()), "http://x", null).licenseKey();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    // ---- Admin: licenses and projects ----

    @Test
    void adminCallsWithoutAValidTokenAreRefusedAsUnauthenticated() {
        String license = document("lic-" + suffix(), item("seats")).sign(VENDOR_KEY);
        long before = events();

        HttpResponse<String> noToken = post("/api/v1/licenses", Map.of("licenseFile", license));
        HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(uri("/api/v1/projects"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN.replace('0', '1'))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
        HttpResponse<String> attach = post("/api/v1/projects/" + shared().projectId() + "/items",
                Map.of("itemId", shared().seats().itemId().value()));

        assertProblem(noToken, 401, "UNAUTHENTICATED");
        assertProblem(wrongToken, 401, "UNAUTHENTICATED");
        assertProblem(attach, 401, "UNAUTHENTICATED");
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void licenseSignedByAnUntrustedKeyIsRefusedAndNothingIsRecorded() {
        String license = document("lic-" + suffix(), item("seats")).sign(UNTRUSTED_KEY);
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/licenses", Map.of("licenseFile", license));

        assertProblem(response, 400, "LICENSE_SIGNATURE_INVALID");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void licenseWithAMalformedPayloadIsRefusedAndNothingIsRecorded() {
        String unparsable = Jws.sign("{\"licenseId\":\"lic-x\",\"items\":[]}".getBytes(StandardCharsets.UTF_8),
                VENDOR_KEY, LicenseDocument.JWS_TYPE);
        long before = events();

        HttpResponse<String> payload = adminPost("/api/v1/licenses", Map.of("licenseFile", unparsable));
        HttpResponse<String> notAJws = adminPost("/api/v1/licenses", Map.of("licenseFile", "not-a-license"));
        HttpResponse<String> missing = adminPost("/api/v1/licenses", Map.of());

        assertProblem(payload, 400, "LICENSE_MALFORMED");
        assertProblem(notAJws, 400, "LICENSE_MALFORMED");
        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void sameLicenseFileTwiceIsImportedOnce() {
        String licenseId = "lic-" + suffix();
        String license = document(licenseId, item("seats")).sign(VENDOR_KEY);

        HttpResponse<String> first = adminPost("/api/v1/licenses", Map.of("licenseFile", license));
        HttpResponse<String> again = adminPost("/api/v1/licenses", Map.of("licenseFile", license));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(first).get("alreadyImported").asBoolean()).isFalse();
        assertThat(json(first).get("licenseId").asString()).isEqualTo(licenseId);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("alreadyImported").asBoolean()).isTrue();
        assertThat(payloadTypesOf(licenseId)).containsExactly("io.licenseledger.events.licensing.LicenseImported");
    }

    @Test
    void licenseFileSentAsRawJwsIsImported() {
        String licenseId = "lic-" + suffix();
        String license = document(licenseId, item("seats")).sign(VENDOR_KEY);

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/licenses"))
                .header("Content-Type", "application/jose")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(license + "\n")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(payloadTypesOf(licenseId)).containsExactly("io.licenseledger.events.licensing.LicenseImported");
    }

    @Test
    void differentFileUnderAnImportedLicenseIdIsRefusedAsConflict() {
        String licenseId = "lic-" + suffix();
        LicenseItem item = item("seats");
        assertThat(adminPost("/api/v1/licenses", Map.of("licenseFile", document(licenseId, item).sign(VENDOR_KEY)))
                .statusCode()).isEqualTo(201);
        String other = new LicenseDocument(new LicenseId(licenseId), "Someone Else", Instant.parse(
                "2026-01-02T00:00:00Z"), List.of(item)).sign(VENDOR_KEY);
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/licenses", Map.of("licenseFile", other));

        assertProblem(response, 409, "LICENSE_ID_CONFLICT");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void itemIdOfAnotherLicenseIsRefusedAsConflict() {
        String other = document("lic-" + suffix(), shared().seats()).sign(VENDOR_KEY);
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/licenses", Map.of("licenseFile", other));

        assertProblem(response, 409, "ITEM_ID_CONFLICT");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void creatingAProjectReturnsItsKeyOnce() {
        HttpResponse<String> response = adminPost("/api/v1/projects",
                Map.of("name", "Scanner", "allowedAppIds", List.of("com.acme.scanner")));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = json(response);
        assertThat(created.get("licenseKey").asString()).startsWith("LL1.");
        assertThat(LicenseKeys.read(created.get("licenseKey").asString()).projectId().value())
                .isEqualTo(created.get("projectId").asString());
        assertThat(created.get("allowedAppIds").get(0).asString()).isEqualTo("com.acme.scanner");
    }

    @Test
    void projectWithABadNameOrAppIdIsRefusedAndNothingIsRecorded() {
        long before = events();

        HttpResponse<String> blank = adminPost("/api/v1/projects", Map.of("name", "  "));
        HttpResponse<String> badApp = adminPost("/api/v1/projects",
                Map.of("name", "ok", "allowedAppIds", List.of("bad app")));

        assertProblem(blank, 400, "VALIDATION_FAILED");
        assertProblem(badApp, 400, "VALIDATION_FAILED");
        assertThat(json(badApp).get("detail").asString()).contains("appId");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void attachingAnUnknownItemIsRefusedAsNotFound() {
        HttpResponse<String> response = adminPost("/api/v1/projects/" + shared().projectId() + "/items",
                Map.of("itemId", "no-such-item"));

        assertProblem(response, 404, "ITEM_NOT_FOUND");
    }

    @Test
    void attachingToAnUnknownProjectIsRefusedAsNotFound() {
        LicenseItem item = item("seats");
        importLicense(document("lic-" + suffix(), item));
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/projects/prj_no_such_project/items",
                Map.of("itemId", item.itemId().value()));

        assertProblem(response, 404, "PROJECT_NOT_FOUND");
        assertThat(events()).isEqualTo(before);
        assertThat(adminPost("/api/v1/projects/" + createProject().get("projectId").asString() + "/items",
                Map.of("itemId", item.itemId().value())).statusCode())
                .as("the item stays free for a real project").isEqualTo(200);
    }

    @Test
    void itemAttachedToAnotherProjectIsRefusedAsAttachedElsewhere() {
        String otherProject = createProject().get("projectId").asString();
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/projects/" + otherProject + "/items",
                Map.of("itemId", shared().seats().itemId().value()));

        assertProblem(response, 409, "ITEM_ATTACHED_ELSEWHERE");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void attachingAnItemAgainToItsProjectChangesNothing() {
        LicensedProject project = shared();
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/projects/" + project.projectId() + "/items",
                Map.of("itemId", project.seats().itemId().value()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("attached").asBoolean()).isFalse();
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void renewalIsAttachedToTheRenewedItemsProjectAndTheSameKeyKeepsWorking() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LicenseItem ended = perDevice("ended-" + suffix(), 5, "NONE", now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(1)));
        importLicense(document("lic-" + suffix(), ended));
        JsonNode project = createProject();
        String projectId = project.get("projectId").asString();
        String licenseKey = project.get("licenseKey").asString();
        assertThat(adminPost("/api/v1/projects/" + projectId + "/items", Map.of("itemId", ended.itemId().value()))
                .statusCode()).isEqualTo(200);
        assertProblem(post("/api/v1/authorize", Map.of("licenseKey", licenseKey, "deviceId", "dev-1")), 403,
                "LICENSE_EXPIRED");
        LicenseItem renewal = renewing(perDevice("renewal-" + suffix(), 5, "NONE", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365))), ended.itemId().value());

        HttpResponse<String> imported = adminPost("/api/v1/licenses",
                Map.of("licenseFile", document("lic-" + suffix(), renewal).sign(VENDOR_KEY)));
        HttpResponse<String> authorized = post("/api/v1/authorize", Map.of("licenseKey", licenseKey,
                "deviceId", "dev-1"));

        assertThat(imported.statusCode()).isEqualTo(201);
        JsonNode attachedRenewal = json(imported).get("renewalsAttached").get(0);
        assertThat(attachedRenewal.get("itemId").asString()).isEqualTo(renewal.itemId().value());
        assertThat(attachedRenewal.get("renews").asString()).isEqualTo(ended.itemId().value());
        assertThat(attachedRenewal.get("projectId").asString()).isEqualTo(projectId);
        assertThat(authorized.statusCode()).isEqualTo(200);
        String leasePayload = new String(Base64Url.decode(json(authorized).get("leaseToken").asString()
                .split("\\.")[1], "lease"), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(leasePayload).get("item").asString()).isEqualTo(renewal.itemId().value());
    }

    // ---- Admin: project lifecycle (L7, A4, A9) ----

    @Test
    void suspendedProjectIsRefusedAsSuspendedUntilItIsReinstated() {
        LicensedProject project = licensedProject();
        String path = "/api/v1/projects/" + project.projectId();
        assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-1")).statusCode()).isEqualTo(200);

        HttpResponse<String> suspended = adminPost(path + "/suspend", Map.of("note", "unpaid invoice"));
        HttpResponse<String> registered = post("/api/v1/authorize", authorizeBody(project, "dev-1"));
        HttpResponse<String> newDevice = post("/api/v1/authorize", authorizeBody(project, "dev-2"));
        HttpResponse<String> suspendedAgain = adminPost(path + "/suspend", Map.of());
        HttpResponse<String> reinstated = adminPost(path + "/reinstate", Map.of());
        HttpResponse<String> servedAgain = post("/api/v1/authorize", authorizeBody(project, "dev-1"));

        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(json(suspended)).isEqualTo(JSON.readTree("{\"projectId\":\"" + project.projectId()
                + "\",\"itemId\":null,\"status\":\"SUSPENDED\",\"changed\":true}"));
        assertProblem(registered, 403, "LICENSE_SUSPENDED");
        assertProblem(newDevice, 403, "LICENSE_SUSPENDED");
        assertThat(json(suspendedAgain).get("changed").asBoolean()).isFalse();
        assertThat(json(reinstated).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(json(reinstated).get("changed").asBoolean()).isTrue();
        assertThat(servedAgain.statusCode()).as(servedAgain.body()).isEqualTo(200);
        assertThat(payloadTypesOf(project.projectId())).containsSubsequence(
                "io.licenseledger.events.project.ProjectStatusChanged",
                "io.licenseledger.events.project.AuthorizationRefused",
                "io.licenseledger.events.project.AuthorizationRefused",
                "io.licenseledger.events.project.ProjectStatusChanged",
                "io.licenseledger.events.project.DeviceAuthorized");
    }

    @Test
    void revokedProjectIsRefusedAsRevokedAndCannotBeReinstated() {
        LicensedProject project = licensedProject();
        String path = "/api/v1/projects/" + project.projectId();

        HttpResponse<String> revoked = adminPost(path + "/revoke", Map.of("note", "contract ended"));
        HttpResponse<String> refused = post("/api/v1/authorize", authorizeBody(project, "dev-1"));
        long before = eventsOf(project.projectId());
        HttpResponse<String> reinstated = adminPost(path + "/reinstate", Map.of());
        HttpResponse<String> suspended = adminPost(path + "/suspend", Map.of());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("status").asString()).isEqualTo("REVOKED");
        assertProblem(refused, 403, "LICENSE_REVOKED");
        assertProblem(reinstated, 409, "INVALID_TRANSITION");
        assertProblem(suspended, 409, "INVALID_TRANSITION");
        assertThat(eventsOf(project.projectId())).isEqualTo(before);
    }

    @Test
    void suspendedItemServesNoDeviceUntilItIsReinstated() {
        LicensedProject project = licensedProject(false);
        String itemPath = "/api/v1/projects/" + project.projectId() + "/items/" + project.seats().itemId().value();

        HttpResponse<String> suspended = adminPost(itemPath + "/suspend", Map.of());
        HttpResponse<String> refused = post("/api/v1/authorize", authorizeBody(project, "dev-1"));
        HttpResponse<String> reinstated = adminPost(itemPath + "/reinstate", Map.of());
        HttpResponse<String> served = post("/api/v1/authorize", authorizeBody(project, "dev-1"));

        assertThat(json(suspended)).isEqualTo(JSON.readTree("{\"projectId\":\"" + project.projectId()
                + "\",\"itemId\":\"" + project.seats().itemId().value()
                + "\",\"status\":\"SUSPENDED\",\"changed\":true}"));
        assertProblem(refused, 403, "LICENSE_SUSPENDED");
        assertThat(json(reinstated).get("changed").asBoolean()).isTrue();
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    }

    @Test
    void changingTheStatusOfAnItemNotAttachedToTheProjectIsNotFound() {
        long before = events();

        HttpResponse<String> response = adminPost("/api/v1/projects/" + shared().projectId()
                + "/items/no-such-item/suspend", Map.of());

        assertProblem(response, 404, "ITEM_NOT_FOUND");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void unregisteredDeviceFreesItsSeatAndIsThenNotRegistered() {
        KeyedProject project = projectWith(perDevice("one-seat-" + suffix(), 1, "NONE",
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))));
        assertThat(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-1")).statusCode())
                .isEqualTo(200);
        assertProblem(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-2")), 403,
                "QUOTA_EXCEEDED");

        HttpResponse<String> unregistered = adminDelete("/api/v1/projects/" + project.projectId()
                + "/devices/dev-1");
        HttpResponse<String> again = adminDelete("/api/v1/projects/" + project.projectId() + "/devices/dev-1");
        HttpResponse<String> next = post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-2"));

        assertThat(unregistered.statusCode()).isEqualTo(204);
        assertProblem(again, 404, "DEVICE_NOT_REGISTERED");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(payloadTypesOf(project.projectId())).containsOnlyOnce(DEVICE_UNREGISTERED);
        JsonNode unregistration = payloadsOf(project.projectId())
                .get(payloadTypesOf(project.projectId()).indexOf(DEVICE_UNREGISTERED));
        assertThat(unregistration.get("deviceId").asString()).isEqualTo("dev-1");
        assertThat(unregistration.get("reason").asString()).isEqualTo("UNREGISTERED_BY_ADMIN");
    }

    @Test
    void allowedAppsRestrictTheAppsTheProjectServesUntilCleared() {
        LicensedProject project = licensedProject();
        String path = "/api/v1/projects/" + project.projectId() + "/allowed-apps";

        HttpResponse<String> restricted = adminPut(path, Map.of("allowedAppIds", List.of("com.acme.scanner")));
        HttpResponse<String> otherApp = post("/api/v1/authorize", Map.of("licenseKey", project.licenseKey(),
                "deviceId", "dev-1", "appId", "com.rival.app"));
        HttpResponse<String> listedApp = post("/api/v1/authorize", Map.of("licenseKey", project.licenseKey(),
                "deviceId", "dev-1", "appId", "com.acme.scanner"));
        HttpResponse<String> cleared = adminPut(path, Map.of("allowedAppIds", List.of()));
        HttpResponse<String> anyApp = post("/api/v1/authorize", Map.of("licenseKey", project.licenseKey(),
                "deviceId", "dev-2", "appId", "com.rival.app"));

        assertThat(restricted.statusCode()).isEqualTo(200);
        assertThat(json(restricted)).isEqualTo(JSON.readTree("{\"projectId\":\"" + project.projectId()
                + "\",\"allowedAppIds\":[\"com.acme.scanner\"]}"));
        assertProblem(otherApp, 403, "APP_NOT_ALLOWED");
        assertThat(listedApp.statusCode()).as(listedApp.body()).isEqualTo(200);
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(anyApp.statusCode()).as(anyApp.body()).isEqualTo(200);
    }

    @Test
    void malformedAllowedAppsAreRefusedAndNothingIsRecorded() {
        String path = "/api/v1/projects/" + shared().projectId() + "/allowed-apps";
        long before = events();

        HttpResponse<String> missing = adminPut(path, Map.of());
        HttpResponse<String> badApp = adminPut(path, Map.of("allowedAppIds", List.of("bad app")));

        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertProblem(badApp, 400, "VALIDATION_FAILED");
        assertThat(json(badApp).get("detail").asString()).contains("appId");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void releasedConcurrentSeatGoesToAnotherDevice() {
        KeyedProject project = projectWith(concurrentItem(Duration.ofHours(1)));

        HttpResponse<String> first = post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-a"));
        HttpResponse<String> refused = post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-b"));
        HttpResponse<String> released = post("/api/v1/release",
                Map.of("licenseKey", project.licenseKey(), "deviceId", "dev-a"));
        HttpResponse<String> second = post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-b"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).get("licenseType").asString()).isEqualTo("CONCURRENT_DEVICE");
        assertProblem(refused, 403, "QUOTA_EXCEEDED");
        assertThat(released.statusCode()).isEqualTo(204);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(second).get("licenseType").asString()).isEqualTo("CONCURRENT_DEVICE");
    }

    @Test
    void busyProjectIsSnapshottedUnderTheCurrentRevisionAndLoadsFromEventsWhenTheRevisionDiffers()
            throws InterruptedException {
        LicensedProject project = licensedProject(false);
        for (int i = 0; i <= SNAPSHOT_THRESHOLD; i++) {
            assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-1")).statusCode()).isEqualTo(200);
        }

        String snapshots = "SELECT type, payload_type, payload_revision FROM snapshot_event_entry"
                + " WHERE aggregate_identifier = ?";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (jdbc.queryForList(snapshots, project.projectId()).isEmpty() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }

        assertThat(jdbc.queryForList(snapshots, project.projectId())).singleElement().isEqualTo(Map.of(
                "TYPE", "Project", "PAYLOAD_TYPE", "io.licenseledger.command.project.Project",
                "PAYLOAD_REVISION", "2"));
        assertThat(eventStore.readEvents(project.projectId()).peek().getPayloadType().getName())
                .isEqualTo("io.licenseledger.command.project.Project");
        jdbc.update("UPDATE snapshot_event_entry SET payload_revision = '0' WHERE aggregate_identifier = ?",
                project.projectId());
        assertThat(eventStore.readEvents(project.projectId()).peek().getSequenceNumber()).isZero();
    }

    @Test
    void expiredConcurrentSeatIsFreedByTheSweeperWithoutAnyRequest() throws InterruptedException {
        KeyedProject project = projectWith(concurrentItem(Duration.ofSeconds(2)));
        assertThat(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-a")).statusCode())
                .isEqualTo(200);

        List<String> types = payloadTypesOf(project.projectId());
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (!types.contains(DEVICE_UNREGISTERED) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
            types = payloadTypesOf(project.projectId());
        }

        assertThat(types).endsWith(DEVICE_UNREGISTERED);
        JsonNode unregistration = payloadsOf(project.projectId()).get(types.size() - 1);
        assertThat(unregistration.get("deviceId").asString()).isEqualTo("dev-a");
        assertThat(unregistration.get("reason").asString()).isEqualTo("SEAT_LEASE_EXPIRED");
        assertThat(member(metaDataOf(project.projectId()).get(types.size() - 1), "actor")).isEqualTo("system:sweeper");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM project_deadline WHERE project_id = ? AND kind = ?",
                Long.class, project.projectId(), "REGISTRATION")).isZero();
    }

    @Test
    void lifecycleCallsOnAnUnknownProjectAreNotFoundAndRecordNothing() {
        String path = "/api/v1/projects/prj_no_such_project";
        long before = events();

        assertProblem(adminPost(path + "/suspend", Map.of()), 404, "PROJECT_NOT_FOUND");
        assertProblem(adminPost(path + "/items/some-item/revoke", Map.of()), 404, "PROJECT_NOT_FOUND");
        assertProblem(adminDelete(path + "/devices/dev-1"), 404, "PROJECT_NOT_FOUND");
        assertProblem(adminPut(path + "/allowed-apps", Map.of("allowedAppIds", List.of())), 404,
                "PROJECT_NOT_FOUND");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void lifecycleCallsWithoutTheAdminTokenAreRefusedAsUnauthenticated() {
        String path = "/api/v1/projects/" + shared().projectId();
        long before = events();

        HttpResponse<String> suspend = post(path + "/suspend", Map.of());
        HttpResponse<String> unregister = send(HttpRequest.newBuilder(uri(path + "/devices/dev-1")).DELETE());

        assertProblem(suspend, 401, "UNAUTHENTICATED");
        assertProblem(unregister, 401, "UNAUTHENTICATED");
        assertThat(events()).isEqualTo(before);
    }

    // ---- Security: no way past authentication, errors from before Spring MVC, failure limits ----

    /**
     * Every route that needs a token, in every spelling of {@link BypassProbe#spellings}, without a token, with a
     * wrong one and with the auditor token on writes, on a project whose device a handler would unregister.
     */
    @Test
    void noSpellingOfAGuardedRouteReachesAHandlerWithoutTheRightToken() {
        LicensedProject project = licensedProject();
        assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-bypass")).statusCode()).isEqualTo(200);
        LicenseItem spare = item("spare");
        importLicense(document("lic-" + suffix(), spare));
        List<BypassProbe.Route> routes = BypassProbe.guardedRoutes(mappings, publicRoutes,
                Map.of("projectId", project.projectId(), "itemId", project.seats().itemId().value(),
                        "deviceId", "dev-bypass", "action", "suspend"),
                Map.of("/api/v1/licenses", JSON.writeValueAsString(Map.of("licenseFile",
                                document("lic-" + suffix(), item("bypass")).sign(VENDOR_KEY))),
                        "/api/v1/projects", "{\"name\":\"bypass\"}",
                        "/api/v1/projects/{projectId}/items", "{\"itemId\":\"" + spare.itemId().value() + "\"}",
                        "/api/v1/projects/{projectId}/allowed-apps", "{\"allowedAppIds\":[\"other.app\"]}",
                        "/api/v1/projects/{projectId}/alert-recipients", "{\"webhookUrls\":[\"http://127.0.0.1:9/x\"]}"));
        assertThat(routes).extracting(BypassProbe.Route::method, BypassProbe.Route::path).contains(
                tuple("DELETE", "/api/v1/projects/" + project.projectId() + "/devices/dev-bypass"),
                tuple("POST", "/api/v1/projects"), tuple("POST", "/api/v1/licenses"),
                tuple("GET", "/api/v1/projects/" + project.projectId() + "/alert-deliveries"));
        assertThat(routes).extracting(BypassProbe.Route::path).doesNotContain("/api/v1/authorize",
                "/.well-known/jwks.json");
        long before = events();

        BypassProbe.Report report = BypassProbe.probe(RawHttp.to(port), routes, ADMIN_TOKEN.replace('0', '9'),
                AUDITOR_TOKEN);

        System.out.printf("bypass probe: %d requests on %d routes%n", report.requests(), routes.size());
        assertThat(report.findings()).isEmpty();
        assertThat(report.requests()).isGreaterThan(5_000);
        assertThat(events()).isEqualTo(before);
        assertThat(adminDelete("/api/v1/projects/" + project.projectId() + "/devices/dev-bypass").statusCode())
                .as("the device was still registered").isEqualTo(204);
    }

    @Test
    void percentEncodedLettersAndMatrixParametersDoNotSkipTheToken() {
        String device = "/api/v1/projects/" + shared().projectId() + "/devices/dev-1";
        long before = events();

        RawHttp.Answer encoded = RawHttp.to(port).send("DELETE", device.replace("/api/", "/%61pi/"), Map.of(), null);
        RawHttp.Answer matrix = RawHttp.to(port).send("DELETE", device.replace("/api/", "/api;x=1/"), Map.of(), null);
        RawHttp.Answer auditor = RawHttp.to(port).send("DELETE", device.replace("/api/", "/%61pi/"),
                Map.of("Authorization", "Bearer " + AUDITOR_TOKEN), null);

        assertRawProblem(encoded, 401, "UNAUTHENTICATED");
        assertThat(encoded.header("WWW-Authenticate")).hasValue("Bearer");
        assertRawProblem(matrix, 400, "VALIDATION_FAILED");
        assertRawProblem(auditor, 403, "FORBIDDEN");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void auditorTokenReadsButDoesNotWrite() {
        String path = "/api/v1/projects/" + shared().projectId();

        RawHttp.Answer read = RawHttp.to(port).send("GET", path + "/alert-deliveries",
                Map.of("Authorization", "Bearer " + AUDITOR_TOKEN), null);
        RawHttp.Answer write = RawHttp.to(port).send("POST", path + "/suspend",
                Map.of("Authorization", "Bearer " + AUDITOR_TOKEN), "{}");

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertRawProblem(write, 403, "FORBIDDEN");
    }

    static Stream<Arguments> requestsTomcatOrTheFirewallRefuses() {
        String bigHeader = "X-Padding: " + "a".repeat(20_000) + "\r\n";
        return Stream.of(
                arguments("NUL in the path", "GET /api/v1/projects\u0000 HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("control character in the path", "GET /api/v1/\u0001x HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("bad percent-encoding", "GET /api/v1/%zz HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("encoded NUL", "GET /api/v1/%00 HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("encoded slash", "GET /api/v1%2Fprojects HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("encoded percent", "GET /api/v1/%2561 HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("backslash", "GET /api/v1\\projects HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("dot segments", "GET /x/../api/v1/projects HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("header too large", "GET /api/v1/projects HTTP/1.1\r\n" + bigHeader, 400,
                        "VALIDATION_FAILED"),
                arguments("control character in a header", "GET /api/v1/projects HTTP/1.1\r\nX-Odd: a\u0001b\r\n",
                        400, "VALIDATION_FAILED"),
                arguments("TRACE", "TRACE /api/v1/projects HTTP/1.1\r\n", 405, "NOT_FOUND"),
                arguments("TRACE on a public route", "TRACE /.well-known/jwks.json HTTP/1.1\r\n", 405, "NOT_FOUND"),
                arguments("unknown method", "BREW /api/v1/projects HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("malformed request line", "GET\u0000/ HTTP/1.1\r\n", 400, "VALIDATION_FAILED"),
                arguments("unsupported HTTP version", "GET /api/v1/projects HTTP/3.7\r\n", 505, "INTERNAL_ERROR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsTomcatOrTheFirewallRefuses")
    void requestRefusedBeforeSpringMvcIsAProblemWithACode(String name, String requestHead, int status, String code) {
        long before = events();

        RawHttp.Answer answer = RawHttp.to(port).sendRaw((requestHead + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertRawProblem(answer, status, code);
        assertThat(events()).isEqualTo(before);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"*/*", "application/*", ";;;"})
    void aBodyOfNoConcreteTypeIsRefusedAndRecordsNothing(String contentType) {
        long before = events();
        String body = "{\"allowedAppIds\":[]}";

        RawHttp.Answer answer = RawHttp.to(port).sendRaw(("PUT /api/v1/projects/" + shared().projectId()
                + "/allowed-apps HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                + ADMIN_TOKEN + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));

        assertRawProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void moreQueryParametersThanTomcatTakesIsAValidationProblem() {
        String query = "?page=0" + "&x=1".repeat(1_000);

        RawHttp.Answer answer = RawHttp.to(port).send("GET", "/api/v1/projects/" + shared().projectId()
                + "/alert-deliveries" + query, Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);

        assertRawProblem(answer, 400, "VALIDATION_FAILED");
    }

    @Test
    void unknownPathIsAProblemWithACodeForAnAdmin() {
        RawHttp.Answer answer = RawHttp.to(port).send("GET", "/api/v1/no-such-thing",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);

        assertRawProblem(answer, 404, "NOT_FOUND");
    }

    @Test
    void healthAndTheApiDocumentArePublic() {
        assertThat(RawHttp.to(port).send("GET", "/actuator/health", Map.of(), null).status()).isEqualTo(200);
        assertThat(RawHttp.to(port).send("GET", "/v3/api-docs", Map.of(), null).status()).isEqualTo(200);
        assertRawProblem(RawHttp.to(port).send("GET", "/actuator/env", Map.of(), null), 401, "UNAUTHENTICATED");
    }

    @Test
    void wrongLicenseKeysFromOneAddressAreRateLimitedWhileOtherAddressesAreNot() {
        RawHttp attacker = RawHttp.to(port).from("127.0.0.21");
        long before = events();
        List<RawHttp.Answer> answers = new ArrayList<>();
        long started = System.nanoTime();

        for (int i = 0; i < 200; i++) {
            String guess = LicenseKeys.issue(new ProjectId(shared().projectId()), "http://x", null).licenseKey();
            answers.add(attacker.send("POST", "/api/v1/authorize", Map.of(),
                    JSON.writeValueAsString(authorizeBody(guess, "dev-guess"))));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(answers.subList(0, 50)).allSatisfy(answer -> assertRawProblem(answer, 401, "LICENSE_KEY_INVALID"));
        assertThat(answers.subList(50, 200)).filteredOn(answer -> answer.status() == 429).hasSizeGreaterThan(140)
                .allSatisfy(answer -> {
                    assertRawProblem(answer, 429, "RATE_LIMITED");
                    assertThat(answer.header("Retry-After")).hasValueSatisfying(
                            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
                });
        assertThat(events()).isEqualTo(before);
        RawHttp.Answer rightKeySameAddress = attacker.send("POST", "/api/v1/authorize", Map.of(),
                JSON.writeValueAsString(authorizeBody(shared().licenseKey(), "dev-1")));
        RawHttp.Answer rightKeyOtherAddress = RawHttp.to(port).from("127.0.0.22").send("POST", "/api/v1/authorize",
                Map.of(), JSON.writeValueAsString(authorizeBody(shared().licenseKey(), "dev-1")));
        assertRawProblem(rightKeySameAddress, 429, "RATE_LIMITED");
        assertThat(rightKeyOtherAddress.status()).as(rightKeyOtherAddress.toString()).isEqualTo(200);
    }

    @Test
    void oneWrongLicenseKeyIsRateLimitedFromEveryAddress() {
        String wrongKey = LicenseKeys.issue(new ProjectId(shared().projectId()), "http://x", null).licenseKey();
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < 25; i++) {
            statuses.add(RawHttp.to(port).from("127.0.1." + (i + 1)).send("POST", "/api/v1/usage", Map.of(),
                    JSON.writeValueAsString(usageBody(wrongKey, "d1", "b1", List.of(entry(Instant.now().toString(),
                            1, null))))).status());
        }

        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 25)).containsOnly(429);
    }

    @Test
    void successfulAuthorizationsAreNeverLimited() {
        RawHttp device = RawHttp.to(port).from("127.0.0.23");
        String body = JSON.writeValueAsString(authorizeBody(shared().licenseKey(), "dev-1"));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            statuses.add(device.send("POST", "/api/v1/authorize", Map.of(), body).status());
        }

        assertThat(statuses).containsOnly(200);
    }

    @Test
    void wrongApiTokensFromOneAddressAreRateLimited() {
        RawHttp guesser = RawHttp.to(port).from("127.0.0.24");
        List<RawHttp.Answer> answers = new ArrayList<>();

        for (int i = 0; i < 30; i++) {
            answers.add(guesser.send("GET", "/api/v1/projects/" + shared().projectId() + "/alert-deliveries",
                    Map.of("Authorization", "Bearer llt_guess" + i), null));
        }
        RawHttp.Answer rightTokenOtherAddress = RawHttp.to(port).from("127.0.0.25").send("GET",
                "/api/v1/projects/" + shared().projectId() + "/alert-deliveries",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);

        assertThat(answers.subList(0, 20)).allSatisfy(answer -> assertRawProblem(answer, 401, "UNAUTHENTICATED"));
        assertThat(answers.subList(20, 30)).allSatisfy(answer -> {
            assertRawProblem(answer, 429, "RATE_LIMITED");
            assertThat(answer.header("Retry-After")).isPresent();
        });
        assertThat(rightTokenOtherAddress.status()).isEqualTo(200);
    }

    // ---- Audit: metadata and secrets ----

    @Test
    void eventsCarryTheActorAndTheCallersCorrelationId() {
        LicenseItem seats = item("seats");
        importLicense(document("lic-" + suffix(), seats));

        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/projects"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("X-Correlation-Id", "corr-admin-7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Audited\"}")));
        String projectId = json(created).get("projectId").asString();
        String licenseKey = json(created).get("licenseKey").asString();
        adminPost("/api/v1/projects/" + projectId + "/items", Map.of("itemId", seats.itemId().value()));
        HttpResponse<String> authorized = send(HttpRequest.newBuilder(uri("/api/v1/authorize"))
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "corr-authorize-42")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("licenseKey", licenseKey, "deviceId", "dev-meta")))));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(authorized.headers().firstValue("X-Correlation-Id")).hasValue("corr-authorize-42");
        assertThat(payloadTypesOf(projectId)).containsExactly("io.licenseledger.events.project.ProjectCreated",
                "io.licenseledger.events.project.QuotaAdded", "io.licenseledger.events.project.DeviceAuthorized");
        List<JsonNode> metaData = metaDataOf(projectId);
        assertThat(member(metaData.get(0), "actor")).isEqualTo("admin:configured-admin");
        assertThat(member(metaData.get(0), "correlationId")).isEqualTo("corr-admin-7");
        assertThat(member(metaData.get(1), "actor")).isEqualTo("admin:configured-admin");
        assertThat(member(metaData.get(1), "correlationId")).isNotIn("corr-admin-7", "corr-authorize-42", "none");
        assertThat(member(metaData.get(2), "actor"))
                .isEqualTo("license-key:" + LicenseKeys.read(licenseKey).credentialHash().substring(0, 16));
        assertThat(member(metaData.get(2), "correlationId")).isEqualTo("corr-authorize-42");
    }

    @Test
    void noCredentialOrTokenAppearsAnywhereInTheLedger() {
        LicensedProject project = licensedProject();
        post("/api/v1/authorize", authorizeBody(project, "dev-secret"));
        post("/api/v1/usage", usageBody(project.licenseKey(), "dev-secret", "b-1",
                List.of(entry(Instant.now().minusSeconds(5).toString(), 3, null))));
        String credential = JSON.readTree(Base64Url.decode(project.licenseKey().substring(4), "key"))
                .get("credential").asString();

        List<String> rows = jdbc.query("SELECT payload, meta_data FROM domain_event_entry",
                (rs, i) -> new String(rs.getBytes("payload"), StandardCharsets.UTF_8) + "\n"
                        + new String(rs.getBytes("meta_data"), StandardCharsets.UTF_8));

        assertThat(rows).hasSizeGreaterThan(5);
        assertThat(rows).noneSatisfy(row -> assertThat(row).contains(credential));
        assertThat(rows).noneSatisfy(row -> assertThat(row).contains(project.licenseKey().substring(4, 40)));
        assertThat(rows).noneSatisfy(row -> assertThat(row).contains(ADMIN_TOKEN));
        assertThat(rows).anySatisfy(row -> assertThat(row)
                .contains(LicenseKeys.read(project.licenseKey()).credentialHash()));
    }

    // ---- Published documents ----

    @Test
    void openApiDocumentListsTheSdkAndAdminPaths() {
        HttpResponse<String> response = get("/v3/api-docs", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> paths = new ArrayList<>(json(response).get("paths").propertyNames());
        assertThat(paths).contains("/api/v1/authorize", "/api/v1/usage", "/api/v1/release", "/api/v1/licenses",
                "/api/v1/projects", "/api/v1/projects/{projectId}/items", "/.well-known/jwks.json",
                "/api/v1/projects/{projectId}/devices/{deviceId}", "/api/v1/projects/{projectId}/allowed-apps");
    }

    // ---- helpers ----

    private LicensedProject licensedProject() {
        return licensedProject(true);
    }

    private LicensedProject licensedProject(boolean withUsageItem) {
        String suffix = suffix();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LicenseItem seats = perDevice("seats-" + suffix, 2, "PERCENT(50)", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
        LicenseItem units = perUsage("units-" + suffix, 1000, "PERCENT(10)", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
        String licenseId = "lic-" + suffix;
        List<LicenseItem> items = withUsageItem ? List.of(seats, units) : List.of(seats);
        importLicense(document(licenseId, items.toArray(LicenseItem[]::new)));
        JsonNode project = createProject();
        String projectId = project.get("projectId").asString();
        for (LicenseItem item : items) {
            HttpResponse<String> attached = adminPost("/api/v1/projects/" + projectId + "/items",
                    Map.of("itemId", item.itemId().value()));
            assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
            assertThat(json(attached).get("attached").asBoolean()).isTrue();
        }
        return new LicensedProject(licenseId, projectId, project.get("licenseKey").asString(), seats, units);
    }

    /** A project with only {@code items}, imported in a license of their own and attached. */
    private KeyedProject projectWith(LicenseItem... items) {
        importLicense(document("lic-" + suffix(), items));
        JsonNode project = createProject();
        String projectId = project.get("projectId").asString();
        for (LicenseItem item : items) {
            HttpResponse<String> attached = adminPost("/api/v1/projects/" + projectId + "/items",
                    Map.of("itemId", item.itemId().value()));
            assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
        }
        return new KeyedProject(projectId, project.get("licenseKey").asString());
    }

    /** Ends far enough ahead that none of its expiry alerts falls due, and the sweeper records nothing, meanwhile. */
    private static LicenseItem item(String prefix) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return perDevice(prefix + "-" + suffix(), 3, "NONE", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(90)));
    }

    /** One concurrent seat, no overage. */
    private static LicenseItem concurrentItem(Duration seatLease) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return concurrent("conc-" + suffix(), 1, "NONE", seatLease, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    }

    private static LicenseDocument document(String licenseId, LicenseItem... items) {
        return new LicenseDocument(new LicenseId(licenseId), "Acme Corp", Instant.parse("2026-01-01T00:00:00Z"),
                List.of(items));
    }

    private void importLicense(LicenseDocument document) {
        HttpResponse<String> response = adminPost("/api/v1/licenses",
                Map.of("licenseFile", document.sign(VENDOR_KEY)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private JsonNode createProject() {
        HttpResponse<String> response = adminPost("/api/v1/projects", Map.of("name", "Project " + suffix()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> authorizeBody(LicensedProject project, String deviceId) {
        return authorizeBody(project.licenseKey(), deviceId);
    }

    private static Map<String, Object> authorizeBody(String licenseKey, String deviceId) {
        return Map.of("licenseKey", licenseKey, "deviceId", deviceId);
    }

    private static String authorize(String key, String deviceIdJson, String appIdJson) {
        return "{\"licenseKey\":\"" + key + "\",\"deviceId\":" + deviceIdJson
                + (appIdJson == null ? "" : ",\"appId\":" + appIdJson) + "}";
    }

    private static Map<String, Object> usageBody(String key, String deviceId, String batchId,
                                                 List<Map<String, Object>> entries) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("licenseKey", key);
        body.put("deviceId", deviceId);
        body.put("batchId", batchId);
        body.put("entries", entries);
        return body;
    }

    private static Map<String, Object> entry(String at, long units, String feature) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", at);
        entry.put("units", units);
        if (feature != null) {
            entry.put("feature", feature);
        }
        return entry;
    }

    private static String usage(String key, String deviceId, String batchId, String entryJson) {
        return "{\"licenseKey\":\"" + key + "\",\"deviceId\":\"" + deviceId + "\",\"batchId\":\"" + batchId
                + "\",\"entries\":[" + entryJson + "]}";
    }

    private static String entryJson(String at, String unitsJson) {
        return "{\"at\":\"" + at + "\",\"units\":" + unitsJson + "}";
    }

    private String oversizedUsageReport() {
        String padding = "x".repeat(ONE_MIB);
        return "{\"licenseKey\":\"" + shared().licenseKey() + "\",\"deviceId\":\"dev-big\",\"batchId\":\"b-big\","
                + "\"entries\":[{\"at\":\"" + Instant.now() + "\",\"units\":1,\"feature\":\"" + padding + "\"}]}";
    }

    private static byte[] verifiedLease(String leaseToken, String x) {
        try {
            return Jws.verify(leaseToken, List.of(new Ed25519PublicKey(Base64Url.decode(x, "x")))).payload();
        } catch (JwsException e) {
            throw new AssertionError("the lease does not verify with the JWKS key: " + e.getMessage(), e);
        }
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    private static void assertRawProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("type of %s", answer)
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("code").asString()).as(answer.toString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private long eventsOf(String aggregateId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private List<String> payloadTypesOf(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId);
    }

    private List<JsonNode> payloadsOf(String aggregateId) {
        return jdbc.query("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", (rs, i) -> JSON.readTree(rs.getBytes("payload")), aggregateId);
    }

    private List<JsonNode> metaDataOf(String aggregateId) {
        return jdbc.query("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", (rs, i) -> JSON.readTree(rs.getBytes("meta_data")), aggregateId);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                        : JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> adminPost(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> adminPut(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> adminDelete(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .DELETE());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String member(JsonNode object, String name) {
        assertThat(object.has(name)).as("%s has %s", object, name).isTrue();
        return object.get(name).asString();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
