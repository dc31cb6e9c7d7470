package io.licenseledger.command.alerts;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.command.CommandSideTestProperties;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.LicenseDocument;
import io.licenseledger.service.LedgerApplications;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static io.licenseledger.command.TestItems.perUsage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alert delivery in the running command side: recipients set over HTTP, an alert raised by real usage, delivered by
 * the pooled processor and the scheduled worker to a local webhook and a GreenMail SMTP server, read back over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertDeliveryApplicationTest {

    private static final String ADMIN_TOKEN = "alerts-admin-token-0123456789abc";
    private static final String AUDITOR_TOKEN = "alerts-auditor-token-0123456789a";
    private static final Ed25519PrivateKey VENDOR_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicReference<String> SIGNING_SECRET = new AtomicReference<>("none yet");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dataDir;

    private static WebhookReceiver receiver;

    static {
        LedgerApplications.disableAxonUpdateChecker();
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver(List.of(500), 204, SIGNING_SECRET::get, Clock.systemUTC());
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        CommandSideTestProperties.register(registry, () -> dataDir, ADMIN_TOKEN, AUDITOR_TOKEN, VENDOR_KEY.publicKey());
        registry.add("ledger.alerts.poll-interval", () -> "PT0.2S");
        registry.add("ledger.alerts.initial-backoff", () -> "PT0.5S");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anAlertRaisedByUsageReachesTheWebhookAndTheMailboxAndItsDeliveriesCanBeRead() throws Exception {
        String projectId = projectWithUnits(100);
        Map<String, Object> recipients = Map.of("webhookUrls", List.of(receiver.url()),
                "emailAddresses", List.of("ops@example.com"));

        HttpResponse<String> first = send("PUT", "/api/v1/projects/" + projectId + "/alert-recipients", recipients,
                ADMIN_TOKEN);
        HttpResponse<String> again = send("PUT", "/api/v1/projects/" + projectId + "/alert-recipients", recipients,
                ADMIN_TOKEN);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode created = JSON.readTree(first.body());
        assertThat(created.get("projectId").asString()).isEqualTo(projectId);
        assertThat(created.get("webhookUrls").get(0).asString()).isEqualTo(receiver.url());
        assertThat(created.get("emailAddresses").get(0).asString()).isEqualTo("ops@example.com");
        String secret = created.get("signingSecret").asString();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        SIGNING_SECRET.set(secret);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("signingSecret").isNull()).as("shown only once").isTrue();

        HttpResponse<String> usage = send("POST", "/api/v1/usage", usageReport(projectId, 60), null);
        assertThat(usage.statusCode()).as(usage.body()).isEqualTo(200);

        JsonNode deliveries = awaitDeliveries(projectId, 2);
        assertThat(deliveries.get("projectId").asString()).isEqualTo(projectId);
        assertThat(deliveries.get("total").asLong()).isEqualTo(2);
        JsonNode webhook = deliveries.get("deliveries").get(0);
        JsonNode email = deliveries.get("deliveries").get(1);
        assertThat(webhook.get("channel").asString()).isEqualTo("WEBHOOK");
        assertThat(webhook.get("alertId").asString()).startsWith("QUOTA_THRESHOLD:PER_USAGE:60:");
        assertThat(webhook.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(webhook.get("attempts").asInt()).isEqualTo(2);
        assertThat(webhook.get("history").valueStream().map(attempt -> attempt.get("result").asString()).toList())
                .containsExactly("HTTP 500", "HTTP 204");
        assertThat(Instant.parse(webhook.get("deliveredAt").asString())).isBefore(Instant.now());
        assertThat(webhook.get("nextAttemptAt").isNull()).isTrue();
        assertThat(email.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(email.get("target").asString()).isEqualTo("ops@example.com");
        assertThat(email.get("status").asString()).isEqualTo("DELIVERED");

        assertThat(receiver.received()).hasSize(2).allSatisfy(request ->
                assertThat(request.signatureValid()).isTrue());
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).isEqualTo("[License Ledger] QUOTA_THRESHOLD for project " + projectId);
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
        });

        assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                .contains("alert-delivery");
        assertThat(jdbc.queryForList("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?",
                byte[].class, projectId)).as("the secret is in no event (AU3)")
                .noneSatisfy(payload -> assertThat(new String(payload, StandardCharsets.UTF_8)).contains(secret));

        HttpResponse<String> asAuditor = send("GET", "/api/v1/projects/" + projectId + "/alert-deliveries", null,
                AUDITOR_TOKEN);
        assertThat(asAuditor.statusCode()).isEqualTo(200);
    }

    @Test
    void rotatingTheSecretShowsANewOneOnce() {
        String projectId = projectWithUnits(100);
        HttpResponse<String> set = send("PUT", "/api/v1/projects/" + projectId + "/alert-recipients",
                Map.of("webhookUrls", List.of("https://hooks.example.com/a")), ADMIN_TOKEN);
        String first = JSON.readTree(set.body()).get("signingSecret").asString();

        HttpResponse<String> rotated = send("POST",
                "/api/v1/projects/" + projectId + "/alert-recipients/rotate-secret", Map.of(), ADMIN_TOKEN);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(rotated.body());
        assertThat(body.get("projectId").asString()).isEqualTo(projectId);
        assertThat(body.get("signingSecret").asString()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
    }

    @Test
    void recipientsThatAreNotSaneAreRefusedBeforeAnyCommand() {
        String projectId = projectWithUnits(100);
        String path = "/api/v1/projects/" + projectId + "/alert-recipients";
        long events = eventsOf(projectId);

        assertProblem(send("PUT", path, Map.of("webhookUrls", List.of("ftp://example.com/x")), ADMIN_TOKEN), 400,
                "VALIDATION_FAILED");
        assertProblem(send("PUT", path, Map.of("emailAddresses", List.of("not-an-address")), ADMIN_TOKEN), 400,
                "VALIDATION_FAILED");
        assertProblem(send("PUT", path, Map.of("emailAddresses",
                IntStream.range(0, 11).mapToObj(i -> "ops" + i + "@example.com").toList()), ADMIN_TOKEN), 400,
                "VALIDATION_FAILED");
        assertProblem(send("PUT", path, Map.of("webhookUrls", List.of(42)), ADMIN_TOKEN), 400, "VALIDATION_FAILED");
        assertThat(eventsOf(projectId)).isEqualTo(events);
    }

    @Test
    void anUnknownProjectIsNotFound() {
        assertProblem(send("PUT", "/api/v1/projects/prj_nowhere/alert-recipients",
                Map.of("webhookUrls", List.of("https://hooks.example.com/a")), ADMIN_TOKEN), 404, "PROJECT_NOT_FOUND");
        assertProblem(send("POST", "/api/v1/projects/prj_nowhere/alert-recipients/rotate-secret", Map.of(),
                ADMIN_TOKEN), 404, "NOT_FOUND");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert_webhook_secret WHERE project_id = 'prj_nowhere'",
                Integer.class)).isZero();
    }

    @Test
    void onlyAnAdminSetsRecipientsAndPagesAreChecked() {
        String projectId = projectWithUnits(100);

        assertProblem(send("PUT", "/api/v1/projects/" + projectId + "/alert-recipients",
                Map.of("webhookUrls", List.of()), AUDITOR_TOKEN), 403, "FORBIDDEN");
        assertProblem(send("GET", "/api/v1/projects/" + projectId + "/alert-deliveries", null, null), 401,
                "UNAUTHENTICATED");
        assertProblem(send("GET", "/api/v1/projects/" + projectId + "/alert-deliveries?size=0", null, ADMIN_TOKEN),
                400, "VALIDATION_FAILED");
        HttpResponse<String> empty = send("GET", "/api/v1/projects/" + projectId + "/alert-deliveries", null,
                AUDITOR_TOKEN);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(empty.body()).get("total").asLong()).isZero();
    }

    private JsonNode awaitDeliveries(String projectId, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode page;
        do {
            Thread.sleep(100);
            page = JSON.readTree(send("GET", "/api/v1/projects/" + projectId + "/alert-deliveries", null,
                    ADMIN_TOKEN).body());
        } while (Instant.now().isBefore(deadline) && !allDone(page, expected));
        return page;
    }

    private static boolean allDone(JsonNode page, int expected) {
        return page.get("deliveries").size() == expected && page.get("deliveries").valueStream()
                .allMatch(delivery -> !delivery.get("status").asString().equals("PENDING"));
    }

    private String projectWithUnits(long units) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LicenseItem item = perUsage("units-" + suffix, units, "PERCENT(10)", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
        LicenseDocument document = new LicenseDocument(new LicenseId("lic-" + suffix), "Acme Corp",
                Instant.parse("2026-01-01T00:00:00Z"), List.of(item));
        HttpResponse<String> imported = send("POST", "/api/v1/licenses",
                Map.of("licenseFile", document.sign(VENDOR_KEY)), ADMIN_TOKEN);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        HttpResponse<String> project = send("POST", "/api/v1/projects", Map.of("name", "Alerts " + suffix),
                ADMIN_TOKEN);
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(project.body());
        String projectId = created.get("projectId").asString();
        licenseKeys.put(projectId, created.get("licenseKey").asString());
        HttpResponse<String> attached = send("POST", "/api/v1/projects/" + projectId + "/items",
                Map.of("itemId", item.itemId().value()), ADMIN_TOKEN);
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
        return projectId;
    }

    private final Map<String, String> licenseKeys = new LinkedHashMap<>();

    private Map<String, Object> usageReport(String projectId, long units) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().minusSeconds(60).toString());
        entry.put("units", units);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("licenseKey", licenseKeys.get(projectId));
        body.put("deviceId", "dev-alerts");
        body.put("batchId", "batch-1");
        body.put("entries", List.of(entry));
        return body;
    }

    private long eventsOf(String projectId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, projectId);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }

    private HttpResponse<String> send(String method, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
