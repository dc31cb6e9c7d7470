package io.licenseledger.query.console;

import io.licenseledger.service.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The console's calls to the ledger's HTTP APIs, made with the signed-in user's token: the command side's admin API
 * (at {@code ledger.console.command-url}, over loopback by default) for every action, and this service's own replay
 * API. An error answer becomes a {@link LedgerApiRefusal} carrying its problem's {@code detail} and {@code code}.
 */
@Component
class LedgerApi {

    /** What a call answered: its status and its JSON body (an empty object when it had none). */
    record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;
    private final URI commandSide;
    private final WebServerApplicationContext server;

    LedgerApi(JsonMapper json, @Value("${ledger.console.command-url}") URI commandSide,
              WebServerApplicationContext server) {
        this.json = json;
        this.commandSide = commandSide;
        this.server = server;
    }

    Answer command(String method, String path, Object body, ConsoleUser user, HttpServletRequest request) {
        return send(commandSide, method, path, body == null ? null : json.writeValueAsString(body), "application/json",
                user, request);
    }

    /** A license file, sent as it is. */
    Answer commandWithText(String path, String text, ConsoleUser user, HttpServletRequest request) {
        return send(commandSide, "POST", path, text, "text/plain", user, request);
    }

    /** This service's own API, over loopback. */
    Answer self(String method, String path, ConsoleUser user, HttpServletRequest request) {
        URI self = URI.create("http://127.0.0.1:" + server.getWebServer().getPort());
        return send(self, method, path, method.equals("GET") ? null : "{}", "application/json", user, request);
    }

    private Answer send(URI base, String method, String path, String body, String contentType, ConsoleUser user,
                        HttpServletRequest request) {
        HttpRequest.Builder call = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", user.bearer())
                .header("Accept", "application/json")
                .header("X-Correlation-Id", RequestContext.correlationId(request))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            call.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw LedgerApiRefusal.unreachable(base);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LedgerApiRefusal.unreachable(base);
        }
        JsonNode parsed = parse(response.body());
        if (response.statusCode() >= 400) {
            throw LedgerApiRefusal.answered(response.statusCode(), parsed);
        }
        return new Answer(response.statusCode(), parsed);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }
}
