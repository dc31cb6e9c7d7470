package io.licenseledger.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/audit/projects/{projectId}/as-of}: a project's state at past instants, for an auditor. */
class AsOfApiTest extends CommandSideApiFixture {

    @Test
    void eachInstantShowsTheDevicesAndUsageRecordedUpToIt() throws Exception {
        LicensedProject project = licensedProject();
        assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-1")).statusCode()).isEqualTo(200);
        Instant oneDevice = pause();
        assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-2")).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/usage", usageBody(project.licenseKey(), "dev-2", "b-1",
                List.of(entry(Instant.now().minusSeconds(1).toString(), 30, "scan")))).statusCode()).isEqualTo(200);
        Instant twoDevices = pause();
        assertThat(adminDelete("/api/v1/projects/" + project.projectId() + "/devices/dev-1").statusCode())
                .isEqualTo(204);
        Instant afterUnregistration = pause();

        JsonNode first = asOf(project.projectId(), oneDevice, AUDITOR_TOKEN);
        JsonNode second = asOf(project.projectId(), twoDevices, AUDITOR_TOKEN);
        JsonNode third = asOf(project.projectId(), afterUnregistration, ADMIN_TOKEN);

        assertThat(deviceIds(first)).containsExactly("dev-1");
        assertThat(deviceIds(second)).containsExactly("dev-1", "dev-2");
        assertThat(deviceIds(third)).containsExactly("dev-2");
        assertThat(first.get("lastSequence").asLong()).isLessThan(second.get("lastSequence").asLong());
        assertThat(first.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(usedOf(first, project.units().itemId().value())).isZero();
        assertThat(usedOf(second, project.units().itemId().value())).isEqualTo(30);
        assertThat(usedOf(second, project.seats().itemId().value())).isEqualTo(2);
        assertThat(second.get("devices").get("perItem").get(project.seats().itemId().value()).asLong()).isEqualTo(2);
        assertThat(third.get("quota").get(0).get("type").asString()).isEqualTo("PER_DEVICE");
        assertThat(third.get("quota").get(0).get("used").asLong()).isEqualTo(1);
        assertThat(third.get("soonestExpiry").asString()).isEqualTo(project.seats().validUntil().toString());
    }

    @Test
    void aSnapshotRecordedBeforeTheInstantIsTheStartAndOneAfterItIsNot() throws Exception {
        LicensedProject project = licensedProject();
        Instant beforeTheDevices = pause();
        for (int i = 0; i < SNAPSHOT_THRESHOLD + 5; i++) {
            assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-" + (i % 3))).statusCode()).isEqualTo(200);
        }
        for (int attempt = 0; attempt < 100 && snapshots(project.projectId()) == 0; attempt++) {
            Thread.sleep(50);
        }
        assertThat(snapshots(project.projectId())).as("a snapshot was taken").isEqualTo(1);
        Instant now = pause();

        JsonNode fromSnapshot = asOf(project.projectId(), now, AUDITOR_TOKEN);
        JsonNode fromTheStart = asOf(project.projectId(), beforeTheDevices, AUDITOR_TOKEN);

        assertThat(fromSnapshot.get("snapshotSequence").isNumber()).as(fromSnapshot.toString()).isTrue();
        assertThat(fromSnapshot.get("lastSequence").asLong()).isEqualTo(eventsOf(project.projectId()) - 1);
        assertThat(deviceIds(fromSnapshot)).containsExactly("dev-0", "dev-1", "dev-2");
        assertThat(fromSnapshot.get("devices").get("perItem").get(project.seats().itemId().value()).asLong())
                .isEqualTo(3);
        assertThat(fromTheStart.get("snapshotSequence").isNull()).isTrue();
        assertThat(deviceIds(fromTheStart)).isEmpty();
    }

    private long snapshots(String projectId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, projectId);
    }

    @Test
    void beforeItsFirstEventAProjectIsNotFound() {
        Instant before = Instant.now().minusSeconds(5);
        LicensedProject project = licensedProject();

        assertProblem(get(path(project.projectId(), before.toString()), auditor()), 404, "PROJECT_NOT_FOUND");
        assertProblem(get(path("prj_unknown", Instant.now().toString()), auditor()), 404, "PROJECT_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-11-30", "1764504000", "2026-11-30T12:00:00",
            "1999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "2026-11-30T12:00:00.1234567891Z"})
    void anInstantOutsideTheIsoFormOrTheTermBoundsIsRefused(String at) {
        HttpResponse<String> response = get(path(shared().projectId(), at), auditor());

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(json(response).get("detail").asString()).contains("at ");
    }

    @Test
    void missingInstantBadProjectIdAndBadPagingAreRefused() {
        String now = Instant.now().toString();
        assertProblem(get("/api/v1/audit/projects/" + shared().projectId() + "/as-of", auditor()), 400,
                "VALIDATION_FAILED");
        assertProblem(get(path("bad*id", now), auditor()), 400, "VALIDATION_FAILED");
        assertProblem(get(path(shared().projectId(), now) + "&size=501", auditor()), 400, "VALIDATION_FAILED");
        assertProblem(get(path(shared().projectId(), now) + "&page=-1", auditor()), 400, "VALIDATION_FAILED");
        assertProblem(get(path(shared().projectId(), now) + "&page=x", auditor()), 400, "VALIDATION_FAILED");
    }

    @Test
    void anOffsetIsReadAsTheSameInstantInUtc() {
        Instant now = Instant.now();
        String withOffset = now.atOffset(ZoneOffset.ofHours(2)).toString();

        JsonNode answer = json(get(path(shared().projectId(), withOffset), auditor()));

        assertThat(Instant.parse(answer.get("at").asString())).isEqualTo(now);
    }

    private JsonNode asOf(String projectId, Instant at, String token) {
        HttpResponse<String> response = get(path(projectId, at.toString()),
                Map.of("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static Map<String, String> auditor() {
        return Map.of("Authorization", "Bearer " + AUDITOR_TOKEN);
    }

    private static String path(String projectId, String at) {
        return "/api/v1/audit/projects/" + projectId + "/as-of?at=" + URLEncoder.encode(at, StandardCharsets.UTF_8);
    }

    /** An instant strictly between the events recorded before and after it. */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(5);
        Instant now = Instant.now();
        Thread.sleep(5);
        return now;
    }

    private static List<String> deviceIds(JsonNode asOf) {
        List<String> ids = new ArrayList<>();
        asOf.get("devices").get("registered").forEach(device -> ids.add(device.get("deviceId").asString()));
        return ids;
    }

    private static long usedOf(JsonNode asOf, String itemId) {
        for (JsonNode item : asOf.get("items")) {
            if (item.get("itemId").asString().equals(itemId)) {
                return item.get("used").asLong();
            }
        }
        throw new AssertionError("no item " + itemId + " in " + asOf);
    }
}
