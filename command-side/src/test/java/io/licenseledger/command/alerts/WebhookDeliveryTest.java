package io.licenseledger.command.alerts;

import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static io.licenseledger.command.alerts.Alerts.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Webhook delivery end to end without Spring: handlers, worker and a real HTTP receiver on 127.0.0.1, with a clock
 * the test moves instead of sleeping.
 */
class WebhookDeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant RAISED = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(RAISED);
    private final AlertDatabase db = new AlertDatabase();
    private final RecipientTable recipients = new RecipientTable(db.jdbc);
    private final DeliveryTable deliveries = new DeliveryTable(db.jdbc);
    private final WebhookSecrets secrets = new WebhookSecrets(db.jdbc, clock);
    private final AlertDeliveryProjection projection = new AlertDeliveryProjection(recipients, deliveries);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        db.close();
    }

    @Test
    void aWebhookThatFailsTwiceIsDeliveredOnTheThirdAttemptAfterBackoff() throws IOException {
        WebhookReceiver receiver = signedUpReceiver(List.of(500, 500), 204);
        projection.on(Alerts.quota80(PROJECT, RAISED));
        AlertDeliveryWorker worker = worker(AlertProperties.defaults());

        assertThat(worker.deliverDue()).isOne();
        assertThat(worker.deliverDue()).as("not due again before the 2 s backoff").isZero();
        clock.advance(Duration.ofMillis(1999));
        assertThat(worker.deliverDue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(worker.deliverDue()).isOne();
        clock.advance(Duration.ofSeconds(3));
        assertThat(worker.deliverDue()).as("the second wait is 4 s").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(worker.deliverDue()).isOne();
        clock.advance(Duration.ofHours(2));
        assertThat(worker.deliverDue()).as("a delivered alert is not sent again").isZero();

        assertThat(receiver.received()).hasSize(3).allSatisfy(request -> {
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.alertId()).isEqualTo("QUOTA_THRESHOLD:PER_USAGE:80:term-2026");
            assertThat(request.contentType()).isEqualTo("application/json");
        });
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::answeredWith).containsExactly(500, 500, 204);
        assertThat(receiver.received()).extracting(request -> JSON.readTree(request.body()).get("attempt").asInt())
                .containsExactly(1, 2, 3);

        AlertDeliveries page = deliveries.page(PROJECT, 0, 50);
        assertThat(page.total()).isOne();
        AlertDeliveries.Delivery delivery = page.deliveries().get(0);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.channel()).isEqualTo(Channel.WEBHOOK);
        assertThat(delivery.target()).isEqualTo(receiver.url());
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastResult()).isEqualTo("HTTP 204");
        assertThat(delivery.lastAttemptAt()).isEqualTo(RAISED.plusSeconds(6));
        assertThat(delivery.deliveredAt()).isEqualTo(RAISED.plusSeconds(6));
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.history()).extracting(AlertDeliveries.Attempt::attempt, AlertDeliveries.Attempt::at,
                        AlertDeliveries.Attempt::result, AlertDeliveries.Attempt::httpStatus)
                .containsExactly(
                        tuple(1, RAISED, "HTTP 500", 500),
                        tuple(2, RAISED.plusSeconds(2), "HTTP 500", 500),
                        tuple(3, RAISED.plusSeconds(6), "HTTP 204", 204));
    }

    @Test
    void theBodyCarriesTheAlertsFactsAndTheHeadersItsIds() throws IOException {
        WebhookReceiver receiver = signedUpReceiver(List.of(), 200);
        projection.on(Alerts.quota80(PROJECT, RAISED));

        worker(AlertProperties.defaults()).deliverDue();

        WebhookReceiver.Received request = receiver.received().get(0);
        String deliveryId = DeliveryTable.deliveryId(PROJECT, "QUOTA_THRESHOLD:PER_USAGE:80:term-2026",
                Channel.WEBHOOK, receiver.url());
        assertThat(request.deliveryId()).isEqualTo(deliveryId);
        assertThat(request.signature()).matches("t=" + RAISED.getEpochSecond() + ",v1=[0-9a-f]{64}");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.propertyNames()).containsExactly("alertId", "projectId", "kind", "licenseType",
                "threshold", "termKey", "used", "limit", "raisedAt", "deliveryId", "attempt");
        assertThat(body.get("projectId").asString()).isEqualTo("prj_alerts");
        assertThat(body.get("kind").asString()).isEqualTo("QUOTA_THRESHOLD");
        assertThat(body.get("licenseType").asString()).isEqualTo("PER_USAGE");
        assertThat(body.get("threshold").asInt()).isEqualTo(80);
        assertThat(body.get("termKey").asString()).isEqualTo("term-2026");
        assertThat(body.get("used").asLong()).isEqualTo(800);
        assertThat(body.get("limit").asLong()).isEqualTo(1000);
        assertThat(body.get("raisedAt").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(body.get("deliveryId").asString()).isEqualTo(deliveryId);
    }

    @Test
    void aDeliveryIsGivenUpAfterTheLastAttempt() throws IOException {
        WebhookReceiver receiver = signedUpReceiver(List.of(), 503);
        projection.on(Alerts.quota80(PROJECT, RAISED));
        AlertDeliveryWorker worker = worker(properties(3));

        for (int i = 0; i < 5; i++) {
            worker.deliverDue();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(receiver.received()).hasSize(3);
        AlertDeliveries.Delivery delivery = deliveries.page(PROJECT, 0, 10).deliveries().get(0);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastResult()).isEqualTo("HTTP 503");
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.deliveredAt()).isNull();
    }

    @Test
    void aReceiverThatCannotBeReachedIsRetriedWithTheErrorRecorded() throws IOException {
        secrets.createIfAbsent(PROJECT);
        String closedPort = "http://127.0.0.1:" + freePort() + "/hooks/alerts";
        webhookFor(closedPort);
        projection.on(Alerts.quota80(PROJECT, RAISED));

        worker(AlertProperties.defaults()).deliverDue();

        AlertDeliveries.Delivery delivery = deliveries.page(PROJECT, 0, 10).deliveries().get(0);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.attempts()).isOne();
        assertThat(delivery.lastResult()).startsWith("error: ").contains("Connect");
        assertThat(delivery.nextAttemptAt()).isEqualTo(RAISED.plusSeconds(2));
        assertThat(delivery.history()).singleElement().satisfies(attempt ->
                assertThat(attempt.httpStatus()).isNull());
    }

    @Test
    void aRotatedSecretSignsTheNextAttempt() throws IOException {
        secrets.createIfAbsent(PROJECT);
        List<String> current = new ArrayList<>();
        WebhookReceiver receiver = receiver(List.of(), 204, null, current);
        webhookFor(receiver.url());
        projection.on(Alerts.quota80(PROJECT, RAISED));
        current.add(secrets.rotate(PROJECT).orElseThrow());

        worker(AlertProperties.defaults()).deliverDue();

        assertThat(receiver.received()).singleElement().satisfies(request ->
                assertThat(request.signatureValid()).isTrue());
    }

    @Test
    void twoWorkersNeverTakeTheSameAttempt() throws IOException {
        WebhookReceiver receiver = signedUpReceiver(List.of(), 204);
        projection.on(Alerts.quota80(PROJECT, RAISED));
        List<Runnable> held = new ArrayList<>();
        AlertDeliveryWorker slow = worker(AlertProperties.defaults(), held::add);
        AlertDeliveryWorker other = worker(AlertProperties.defaults());

        assertThat(slow.deliverDue()).isOne();
        assertThat(other.deliverDue()).as("claimed by the first worker").isZero();
        held.forEach(Runnable::run);

        assertThat(receiver.received()).hasSize(1);
        assertThat(deliveries.page(PROJECT, 0, 10).deliveries().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aClaimLeftByAWorkerThatDiedLapsesAfterAMinute() throws IOException {
        WebhookReceiver receiver = signedUpReceiver(List.of(), 204);
        projection.on(Alerts.quota80(PROJECT, RAISED));
        AlertDeliveryWorker died = worker(AlertProperties.defaults(), task -> { });
        AlertDeliveryWorker survivor = worker(AlertProperties.defaults());

        assertThat(died.deliverDue()).isOne();
        clock.advance(Duration.ofSeconds(59));
        assertThat(survivor.deliverDue()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(survivor.deliverDue()).isOne();

        assertThat(receiver.received()).hasSize(1);
        assertThat(deliveries.page(PROJECT, 0, 10).deliveries().get(0).history()).hasSize(1);
    }

    @Test
    void aWorkerClaimsNoMoreThanItCanSendAtOnce() throws IOException {
        WebhookReceiver receiver = signedUpReceiver(List.of(), 204);
        for (int threshold : new int[] {60, 80, 100}) {
            projection.on(new AlertRaised(PROJECT, "Q:" + threshold,
                    AlertKind.QUOTA_THRESHOLD, null, threshold, "t", 1, 1, RAISED));
        }
        List<Runnable> held = new ArrayList<>();
        AlertProperties two = new AlertProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1),
                12, 2, Duration.ofSeconds(5), Duration.ofSeconds(10), "ledger@example.com");
        AlertDeliveryWorker worker = worker(two, held::add);

        assertThat(worker.deliverDue()).isEqualTo(2);
        assertThat(worker.deliverDue()).as("both senders busy").isZero();
        held.forEach(Runnable::run);
        held.clear();
        assertThat(worker.deliverDue()).isOne();
        held.forEach(Runnable::run);

        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void aDeliveryWithoutASigningSecretWaitsForOne() throws IOException {
        List<String> current = new ArrayList<>();
        WebhookReceiver receiver = receiver(List.of(), 204, null, current);
        webhookFor(receiver.url());
        projection.on(Alerts.quota80(PROJECT, RAISED));
        AlertDeliveryWorker worker = worker(AlertProperties.defaults());

        worker.deliverDue();
        current.add(secrets.createIfAbsent(PROJECT).orElseThrow());
        clock.advance(Duration.ofSeconds(2));
        worker.deliverDue();

        assertThat(receiver.received()).singleElement().satisfies(request ->
                assertThat(request.signatureValid()).isTrue());
        assertThat(deliveries.page(PROJECT, 0, 10).deliveries().get(0).history())
                .extracting(AlertDeliveries.Attempt::result)
                .containsExactly("the project has no webhook signing secret yet", "HTTP 204");
    }

    @Test
    void deliveriesAreListedNewestAlertFirstAPageAtATime() throws IOException {
        secrets.createIfAbsent(PROJECT);
        projection.on(new AlertRecipientsChanged(PROJECT, List.of("https://a.example.com/h"),
                List.of("ops@example.com")));
        projection.on(Alerts.quota80(PROJECT, RAISED));
        projection.on(Alerts.expiry7(PROJECT, RAISED.plusSeconds(60)));

        AlertDeliveries first = deliveries.page(PROJECT, 0, 3);
        AlertDeliveries second = deliveries.page(PROJECT, 1, 3);

        assertThat(first.total()).isEqualTo(4);
        assertThat(first.deliveries()).extracting(AlertDeliveries.Delivery::kind, AlertDeliveries.Delivery::channel)
                .containsExactly(
                        tuple("EXPIRY_NEAR", Channel.WEBHOOK),
                        tuple("EXPIRY_NEAR", Channel.EMAIL),
                        tuple("QUOTA_THRESHOLD", Channel.WEBHOOK));
        assertThat(first.deliveries()).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.history()).isEmpty();
        });
        assertThat(second.deliveries()).extracting(AlertDeliveries.Delivery::channel).containsExactly(Channel.EMAIL);
    }

    private AlertDeliveryWorker worker(AlertProperties properties) {
        return worker(properties, Runnable::run);
    }

    private AlertDeliveryWorker worker(AlertProperties properties, Executor executor) {
        return new AlertDeliveryWorker(deliveries, secrets,
                new WebhookSender(JSON, properties.connectTimeout(), properties.requestTimeout()),
                new EmailSender(null, properties.mailFrom(), properties.connectTimeout(), properties.requestTimeout()),
                properties, clock, db.transactions, executor);
    }

    private static AlertProperties properties(int maxAttempts) {
        AlertProperties defaults = AlertProperties.defaults();
        return new AlertProperties(defaults.pollInterval(), defaults.initialBackoff(), defaults.maxBackoff(),
                maxAttempts, defaults.concurrency(), defaults.connectTimeout(), defaults.requestTimeout(),
                defaults.mailFrom());
    }

    /** With {@code latest} the receiver checks against the last secret in it, as a customer would after a rotation. */
    private WebhookReceiver receiver(List<Integer> script, int then, String secret, List<String> latest)
            throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(script, then,
                () -> latest == null ? secret : latest.isEmpty() ? "none" : latest.get(latest.size() - 1), clock);
        closeables.add(receiver);
        return receiver;
    }

    /** A receiver of the project's alerts, answering {@code script} then {@code then}, holding the project's secret. */
    private WebhookReceiver signedUpReceiver(List<Integer> script, int then) throws IOException {
        WebhookReceiver receiver = receiver(script, then, secrets.createIfAbsent(PROJECT).orElseThrow(), null);
        webhookFor(receiver.url());
        return receiver;
    }

    /** The project's alerts go to {@code url} alone. */
    private void webhookFor(String url) {
        projection.on(new AlertRecipientsChanged(PROJECT, List.of(url), List.of()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
