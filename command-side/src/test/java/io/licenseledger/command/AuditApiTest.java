package io.licenseledger.command;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.audit.LedgerChain;
import io.licenseledger.command.audit.LedgerKey;
import io.licenseledger.command.credentials.LicenseKeys;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.service.testing.ChainCheck;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ledger keeps about a call (actor, correlation id) and never keeps (credentials, tokens), and the
 * published API document.
 */
class AuditApiTest extends CommandSideApiFixture {

    @Test
    void eventsCarryTheActorAndTheCallersCorrelationId() {
        LicenseItem seats = item("seats");
        importLicense(document("lic-" + suffix(), seats));

        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/projects"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("X-Correlation-Id", "corr-admin-7")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Audited\"}")));
        String projectId = json(created).get("projectId").asString();
        String licenseKey = json(created).get("licenseKey").asString();
        adminPost("/api/v1/projects/" + projectId + "/items", Map.of("itemId", seats.itemId().value()));
        HttpResponse<String> authorized = send(HttpRequest.newBuilder(uri("/api/v1/authorize"))
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "corr-authorize-42")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("licenseKey", licenseKey, "deviceId", "dev-meta")))));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(authorized.statusCode()).isEqualTo(200);
        assertThat(authorized.headers().firstValue("X-Correlation-Id")).hasValue("corr-authorize-42");
        assertThat(payloadTypesOf(projectId)).containsExactly("io.licenseledger.events.project.ProjectCreated",
                "io.licenseledger.events.project.QuotaAdded", "io.licenseledger.events.project.DeviceAuthorized");
        List<JsonNode> metaData = metaDataOf(projectId);
        assertThat(member(metaData.get(0), "actor")).isEqualTo("admin:configured-admin");
        assertThat(member(metaData.get(0), "correlationId")).isEqualTo("corr-admin-7");
        assertThat(member(metaData.get(1), "actor")).isEqualTo("admin:configured-admin");
        assertThat(member(metaData.get(1), "correlationId")).isNotIn("corr-admin-7", "corr-authorize-42", "none");
        assertThat(member(metaData.get(2), "actor"))
                .isEqualTo("license-key:" + LicenseKeys.read(licenseKey).credentialHash().substring(0, 16));
        assertThat(member(metaData.get(2), "correlationId")).isEqualTo("corr-authorize-42");
    }

    @Test
    void noCredentialOrTokenAppearsAnywhereInTheLedger() {
        LicensedProject project = licensedProject();
        post("/api/v1/authorize", authorizeBody(project, "dev-secret"));
        post("/api/v1/usage", usageBody(project.licenseKey(), "dev-secret", "b-1",
                List.of(entry(Instant.now().minusSeconds(5).toString(), 3, null))));
        String credential = JSON.readTree(Base64Url.decode(project.licenseKey().substring(4), "key"))
                .get("credential").asString();

        List<String> rows = jdbc.query("SELECT payload, meta_data FROM domain_event_entry",
                (rs, i) -> new String(rs.getBytes("payload"), StandardCharsets.UTF_8) + "\n"
                        + new String(rs.getBytes("meta_data"), StandardCharsets.UTF_8));

        assertThat(rows).hasSizeGreaterThan(5);
        assertThat(rows).noneSatisfy(row -> assertThat(row).contains(credential));
        assertThat(rows).noneSatisfy(row -> assertThat(row).contains(project.licenseKey().substring(4, 40)));
        assertThat(rows).noneSatisfy(row -> assertThat(row).contains(ADMIN_TOKEN));
        assertThat(rows).anySatisfy(row -> assertThat(row)
                .contains(LicenseKeys.read(project.licenseKey()).credentialHash()));
    }

    @Test
    void everyEventTheServiceAppendsIsChainedAndTheLatestCheckpointVerifiesWithTheLedgerKeyOfTheJwks() {
        LicensedProject project = licensedProject();
        for (int device = 0; device < CHECKPOINT_EVERY_EVENTS; device++) {
            assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-chained-" + device)).statusCode())
                    .isIn(200, 403);
        }
        JsonNode keys = json(get("/.well-known/jwks.json", Map.of())).get("keys");
        assertThat(keys.get(0).has(LedgerKey.JWK_PURPOSE)).as("the lease key first, as before").isFalse();
        JsonNode ledgerJwk = keys.get(keys.size() - 1);
        assertThat(ledgerJwk.get(LedgerKey.JWK_PURPOSE).asString()).isEqualTo("ledger-checkpoint");
        Ed25519PublicKey ledgerKey = Ed25519PublicKey.fromJwk(JSON.convertValue(ledgerJwk,
                new TypeReference<Map<String, Object>>() {
                }));

        List<Long> chained = ChainCheck.assertIntact(jdbc, ledgerKey);

        assertThat(chained).containsAll(jdbc.queryForList("SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, project.projectId()));
        HttpResponse<String> latest = get("/api/v1/audit/checkpoints/latest",
                Map.of("Authorization", "Bearer " + AUDITOR_TOKEN));
        assertThat(latest.statusCode()).isEqualTo(200);
        JsonNode body = json(latest);
        Checkpoint checkpoint = new Checkpoint(body.get("position").asLong(),
                LedgerChain.fromHex(body.get("chainHash").asString()), Instant.parse(body.get("signedAt").asString()),
                body.get("genesis").asBoolean(), body.get("keyId").asString(),
                Base64Url.decode(body.get("signature").asString(), "signature"));
        assertThat(checkpoint.isSignedBy(ledgerKey)).isTrue();
        assertThat(checkpoint.keyId()).isEqualTo(ledgerJwk.get("kid").asString());
        assertThat(checkpoint.position()).isBetween(1L, (long) chained.size());
        assertThat(get("/api/v1/audit/checkpoints/latest", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void openApiDocumentListsTheSdkAndAdminPaths() {
        HttpResponse<String> response = get("/v3/api-docs", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> paths = new ArrayList<>(json(response).get("paths").propertyNames());
        assertThat(paths).contains("/api/v1/authorize", "/api/v1/usage", "/api/v1/release", "/api/v1/licenses",
                "/api/v1/projects", "/api/v1/projects/{projectId}/items", "/.well-known/jwks.json",
                "/api/v1/projects/{projectId}/devices/{deviceId}", "/api/v1/projects/{projectId}/allowed-apps",
                "/api/v1/audit/checkpoints/latest", "/api/v1/audit/projects/{projectId}/as-of");
    }
}
