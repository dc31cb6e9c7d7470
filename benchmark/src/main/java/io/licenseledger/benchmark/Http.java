package io.licenseledger.benchmark;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP/1.1 with keep-alive from the JDK's client; every call blocks its thread until the answer is read. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    record Response(int status, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        Response expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + status + " " + text());
            }
            return this;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Response postJson(String url, String json, String bearer) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response postJson(String url, Object body, String bearer) {
        return postJson(url, JSON.writeValueAsString(body), bearer);
    }

    Response get(String url, String bearer) {
        return send(request(url, bearer).GET());
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body() == null ? new byte[0] : response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
