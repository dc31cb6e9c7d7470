package io.licenseledger.command;

import io.licenseledger.command.credentials.LicenseKeys;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.service.PublicRoutes;
import io.licenseledger.service.testing.AuditorRoleProbe;
import io.licenseledger.service.testing.BypassProbe;
import io.licenseledger.service.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Who gets in, and what is refused before a handler: tokens on every spelling of a route, the auditor's reads,
 * requests Tomcat or the firewall refuses, oversized bodies, rate limits.
 */
class AccessApiTest extends CommandSideApiFixture {

    private static final int ONE_MIB = 1024 * 1024;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private List<PublicRoutes> publicRoutes;

    @Test
    void bodyOverOneMebibyteWithItsLengthIsRefusedAsTooLargeAndNothingIsRecorded() {
        refusedRecordingNothing(() -> send(HttpRequest.newBuilder(uri("/api/v1/usage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(oversizedUsageReport()))), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void chunkedBodyGrowingOverOneMebibyteIsRefusedAsTooLargeAndNothingIsRecorded() {
        byte[] body = oversizedUsageReport().getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher withoutLength = HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body));
        assertThat(withoutLength.contentLength()).as("a body of unknown length is sent chunked").isEqualTo(-1);
        refusedRecordingNothing(() -> send(HttpRequest.newBuilder(uri("/api/v1/usage"))
                .header("Content-Type", "application/json")
                .POST(withoutLength)), 413, "PAYLOAD_TOO_LARGE");
    }

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

        BypassProbe.assertNoneReachesAHandler(RawHttp.to(port), routes, ADMIN_TOKEN.replace('0', '9'), AUDITOR_TOKEN);

        assertThat(events()).isEqualTo(before);
        assertThat(adminDelete("/api/v1/projects/" + project.projectId() + "/devices/dev-bypass").statusCode())
                .as("the device was still registered").isEqualTo(204);
    }

    /**
     * Every mapped route, enumerated from the handler mappings: the auditor reads everything under /api/v1 and writes
     * nothing, and neither no token nor a license key in the place of a token gets in anywhere but the public routes.
     */
    @Test
    void theAuditorReadsEveryRouteAndWritesNoneWhileALicenseKeyIsNoToken() {
        LicensedProject project = licensedProject();
        assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-audit")).statusCode()).isEqualTo(200);
        AuditorRoleProbe.Setup setup = new AuditorRoleProbe.Setup(publicRoutes,
                Set.of("POST /api/v1/authorize", "POST /api/v1/usage", "POST /api/v1/release",
                        "GET /.well-known/jwks.json", "GET /v3/api-docs"),
                Map.of("projectId", project.projectId(), "itemId", project.seats().itemId().value(),
                        "deviceId", "dev-audit", "action", "suspend"),
                Map.of("/api/v1/audit/projects/{projectId}/as-of", "?at=" + Instant.now()),
                Map.of(), AUDITOR_TOKEN, project.licenseKey(), this::events);

        AuditorRoleProbe.Report report = AuditorRoleProbe.assertAuditorRole(RawHttp.to(port), mappings, setup);

        assertThat(report.reads()).isGreaterThanOrEqualTo(2);
        assertThat(report.writes()).isGreaterThanOrEqualTo(12);
        assertThat(adminDelete("/api/v1/projects/" + project.projectId() + "/devices/dev-audit").statusCode())
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
            answers.add(authorizeFrom(attacker, wrongKey(), "dev-guess"));
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
        RawHttp.Answer rightKeySameAddress = authorizeFrom(attacker, shared().licenseKey(), "dev-1");
        // The bucket gives a failure back every minute / 50 = 1.2 s, so the right key may land just after one came
        // back (a loaded machine): a wrong guess then takes it, and the right key must be refused right after.
        for (int retry = 0; retry < 2 && rightKeySameAddress.status() == 200; retry++) {
            authorizeFrom(attacker, wrongKey(), "dev-guess");
            rightKeySameAddress = authorizeFrom(attacker, shared().licenseKey(), "dev-1");
        }
        RawHttp.Answer rightKeyOtherAddress = authorizeFrom(RawHttp.to(port).from("127.0.0.22"),
                shared().licenseKey(), "dev-1");
        assertRawProblem(rightKeySameAddress, 429, "RATE_LIMITED");
        assertThat(rightKeyOtherAddress.status()).as(rightKeyOtherAddress.toString()).isEqualTo(200);
    }

    private String wrongKey() {
        return LicenseKeys.issue(new ProjectId(shared().projectId()), "http://x", null).licenseKey();
    }

    private static RawHttp.Answer authorizeFrom(RawHttp client, String licenseKey, String deviceId) {
        return client.send("POST", "/api/v1/authorize", Map.of(),
                JSON.writeValueAsString(authorizeBody(licenseKey, deviceId)));
    }

    @Test
    void oneWrongLicenseKeyIsRateLimitedFromEveryAddress() {
        String wrongKey = wrongKey();
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

    private String oversizedUsageReport() {
        String padding = "x".repeat(ONE_MIB);
        return "{\"licenseKey\":\"" + shared().licenseKey() + "\",\"deviceId\":\"dev-big\",\"batchId\":\"b-big\","
                + "\"entries\":[{\"at\":\"" + Instant.now() + "\",\"units\":1,\"feature\":\"" + padding + "\"}]}";
    }

    private static void assertRawProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("type of %s", answer)
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("code").asString()).as(answer.toString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }
}
