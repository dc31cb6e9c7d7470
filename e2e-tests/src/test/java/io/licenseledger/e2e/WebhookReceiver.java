package io.licenseledger.e2e;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A webhook receiver on 127.0.0.1 that fails its first requests, then accepts, checking every signature. */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private volatile String secret;

    private WebhookReceiver(int failFirst) throws IOException {
        failuresLeft = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!signatureHolds(exchange.getRequestHeaders().getFirst("X-Ledger-Signature"), body)) {
                badSignatures.incrementAndGet();
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            if (status == 204) {
                delivered.add(exchange.getRequestHeaders().getFirst("X-Ledger-Alert-Id"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static WebhookReceiver failingFirst(int failures) throws IOException {
        return new WebhookReceiver(failures);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void useSecret(String signingSecret) {
        this.secret = signingSecret;
    }

    List<String> deliveredAlertIds() {
        return List.copyOf(delivered);
    }

    int badSignatures() {
        return badSignatures.get();
    }

    private boolean signatureHolds(String header, byte[] body) {
        if (header == null || secret == null) {
            return false;
        }
        Map<String, String> parts = java.util.Arrays.stream(header.split(","))
                .map(part -> part.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((parts.get("t") + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body)).equals(parts.get("v1"));
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
