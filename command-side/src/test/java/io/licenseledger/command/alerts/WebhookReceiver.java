package io.licenseledger.command.alerts;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A real webhook receiver on 127.0.0.1: answers the scripted statuses in turn, then {@code thenStatus}, and checks
 * every request's signature the way a customer's receiver would.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String signature, String alertId, String deliveryId, String contentType, byte[] body,
                    boolean signatureValid, int answeredWith) {
    }

    private final HttpServer server;
    private final Deque<Integer> script;
    private final int thenStatus;
    private final List<Received> received = new ArrayList<>();

    WebhookReceiver(List<Integer> script, int thenStatus, Supplier<String> secret, Clock clock) throws IOException {
        this.script = new ArrayDeque<>(script);
        this.thenStatus = thenStatus;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/alerts", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Ledger-Signature");
            boolean valid = SignatureVerifier.verify(signature, body, secret.get(), clock.instant());
            int status;
            synchronized (this) {
                status = this.script.isEmpty() ? this.thenStatus : this.script.poll();
                received.add(new Received(signature, exchange.getRequestHeaders().getFirst("X-Ledger-Alert-Id"),
                        exchange.getRequestHeaders().getFirst("X-Ledger-Delivery-Id"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, valid, status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/alerts";
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
