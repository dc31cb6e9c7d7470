package io.licenseledger.command;

import io.licenseledger.command.credentials.LicenseKeys;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.licenseformat.Base64Url;
import org.junit.jupiter.api.Test;
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
    void openApiDocumentListsTheSdkAndAdminPaths() {
        HttpResponse<String> response = get("/v3/api-docs", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> paths = new ArrayList<>(json(response).get("paths").propertyNames());
        assertThat(paths).contains("/api/v1/authorize", "/api/v1/usage", "/api/v1/release", "/api/v1/licenses",
                "/api/v1/projects", "/api/v1/projects/{projectId}/items", "/.well-known/jwks.json",
                "/api/v1/projects/{projectId}/devices/{deviceId}", "/api/v1/projects/{projectId}/allowed-apps",
                "/api/v1/audit/projects/{projectId}/as-of");
    }
}
