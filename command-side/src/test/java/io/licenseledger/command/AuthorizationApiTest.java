package io.licenseledger.command;

import io.licenseledger.command.credentials.LicenseKeys;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.licenseformat.Jws;
import io.licenseledger.licenseformat.JwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.licenseledger.command.TestItems.concurrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The SDK's authorization calls over HTTP: leases the JWKS key verifies, seats and their overage, releases, malformed
 * bodies and license keys, concurrent seats freed by a release or by the sweeper.
 */
class AuthorizationApiTest extends CommandSideApiFixture {

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
        assertThat(Duration.between(serverTime, leaseExpiresAt))
                .as("the item's offline window, P7D; its term ends later").isEqualTo(Duration.ofDays(7));

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
    void releaseAnswersNoContentForAKnownKey() {
        HttpResponse<String> response = post("/api/v1/release",
                Map.of("licenseKey", shared().licenseKey(), "deviceId", "dev-release"));

        assertThat(response.statusCode()).isEqualTo(204);
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
        assertThat(validationFailureDetail("/api/v1/authorize", body)).containsIgnoringCase(field);
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

    private static byte[] verifiedLease(String leaseToken, String x) {
        try {
            return Jws.verify(leaseToken, List.of(new Ed25519PublicKey(Base64Url.decode(x, "x")))).payload();
        } catch (JwsException e) {
            throw new AssertionError("the lease does not verify with the JWKS key: " + e.getMessage(), e);
        }
    }

    /** One concurrent seat, no overage. */
    private static LicenseItem concurrentItem(Duration seatLease) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return concurrent("conc-" + suffix(), 1, "NONE", seatLease, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    }
}
