package io.licenseledger.command;

import io.licenseledger.command.credentials.LicenseKeys;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Jws;
import io.licenseledger.licenseformat.LicenseDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.TestItems.renewing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The admin's licenses and projects over HTTP: imports within and out of bounds, untrusted and malformed files,
 * repeats and conflicts, project keys, attaching items, renewals.
 */
class LicenseAndProjectApiTest extends CommandSideApiFixture {

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

    @Test
    void licenseSignedByAnUntrustedKeyIsRefusedAndNothingIsRecorded() {
        String license = document("lic-" + suffix(), item("seats")).sign(UNTRUSTED_KEY);
        refusedRecordingNothing(() -> adminPost("/api/v1/licenses", Map.of("licenseFile", license)),
                400, "LICENSE_SIGNATURE_INVALID");
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
        refusedRecordingNothing(() -> adminPost("/api/v1/licenses", Map.of("licenseFile", other)),
                409, "LICENSE_ID_CONFLICT");
    }

    @Test
    void itemIdOfAnotherLicenseIsRefusedAsConflict() {
        String other = document("lic-" + suffix(), shared().seats()).sign(VENDOR_KEY);
        refusedRecordingNothing(() -> adminPost("/api/v1/licenses", Map.of("licenseFile", other)),
                409, "ITEM_ID_CONFLICT");
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
        refusedRecordingNothing(() -> adminPost("/api/v1/projects/prj_no_such_project/items",
                Map.of("itemId", item.itemId().value())), 404, "PROJECT_NOT_FOUND");
        assertThat(adminPost("/api/v1/projects/" + createProject().get("projectId").asString() + "/items",
                Map.of("itemId", item.itemId().value())).statusCode())
                .as("the item stays free for a real project").isEqualTo(200);
    }

    @Test
    void itemAttachedToAnotherProjectIsRefusedAsAttachedElsewhere() {
        String otherProject = createProject().get("projectId").asString();
        refusedRecordingNothing(() -> adminPost("/api/v1/projects/" + otherProject + "/items",
                Map.of("itemId", shared().seats().itemId().value())), 409, "ITEM_ATTACHED_ELSEWHERE");
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
}
