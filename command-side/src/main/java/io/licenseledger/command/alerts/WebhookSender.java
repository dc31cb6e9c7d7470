package io.licenseledger.command.alerts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Posts an alert to a webhook, signed with the project's secret; any 2xx answer is a delivery. */
class WebhookSender {

    static final String ALERT_ID_HEADER = "X-Ledger-Alert-Id";
    static final String DELIVERY_ID_HEADER = "X-Ledger-Delivery-Id";

    /** The body a webhook receives; {@code attempt} counts from 1, {@code alertId} stays the same across attempts. */
    @JsonPropertyOrder({"alertId", "projectId", "kind", "licenseType", "threshold", "termKey", "used", "limit",
            "raisedAt", "deliveryId", "attempt"})
    record Payload(String alertId, String projectId, String kind, String licenseType, int threshold, String termKey,
                   long used, long limit, String raisedAt, String deliveryId, int attempt) {

        static Payload of(DueDelivery delivery, int attempt) {
            return new Payload(delivery.alertId(), delivery.projectId(), delivery.kind(), delivery.licenseType(),
                    delivery.threshold(), delivery.termKey(), delivery.used(), delivery.limit(),
                    delivery.raisedAt().toString(), delivery.deliveryId(), attempt);
        }
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final Duration requestTimeout;

    WebhookSender(JsonMapper json, Duration connectTimeout, Duration requestTimeout) {
        // HTTP/1.1: a plain-http receiver need not understand an h2c upgrade. Redirects are not followed: a 3xx
        // is a failed attempt, so a delivery never lands where the admin did not point it.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.json = json;
        this.requestTimeout = requestTimeout;
    }

    Outcome send(DueDelivery delivery, int attempt, String secret, Instant now) {
        byte[] body = json.writeValueAsBytes(Payload.of(delivery, attempt));
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.target()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "LicenseLedger-Alerts/1")
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, now.getEpochSecond(), body))
                .header(ALERT_ID_HEADER, delivery.alertId())
                .header(DELIVERY_ID_HEADER, delivery.deliveryId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        // The request timeout ends with the answer's headers; the overall wait also bounds a body that trickles.
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            int status = response.get(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status < 300
                    ? Outcome.delivered(status, "HTTP " + status)
                    : Outcome.retry(status, "HTTP " + status);
        } catch (ExecutionException e) {
            return Outcome.error(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            response.cancel(true);
            return Outcome.retry(null, "error: no complete answer within " + requestTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "error: interrupted while sending");
        }
    }
}
