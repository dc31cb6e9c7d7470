package io.licenseledger.command;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.licenseledger.command.TestItems.perDevice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's lifecycle calls over HTTP: suspension, revocation, items' status, unregistration, allowed apps, and
 * a busy project's snapshots.
 */
class LifecycleApiTest extends CommandSideApiFixture {

    @Autowired
    private EventStore eventStore;

    @Test
    void suspendedProjectIsRefusedAsSuspendedUntilItIsReinstated() {
        LicensedProject project = licensedProject();
        String path = "/api/v1/projects/" + project.projectId();
        assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-1")).statusCode()).isEqualTo(200);

        HttpResponse<String> suspended = adminPost(path + "/suspend", Map.of("note", "unpaid invoice"));
        HttpResponse<String> registered = post("/api/v1/authorize", authorizeBody(project, "dev-1"));
        HttpResponse<String> newDevice = post("/api/v1/authorize", authorizeBody(project, "dev-2"));
        HttpResponse<String> suspendedAgain = adminPost(path + "/suspend", Map.of());
        HttpResponse<String> reinstated = adminPost(path + "/reinstate", Map.of());
        HttpResponse<String> servedAgain = post("/api/v1/authorize", authorizeBody(project, "dev-1"));

        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(json(suspended)).isEqualTo(JSON.readTree("{\"projectId\":\"" + project.projectId()
                + "\",\"itemId\":null,\"status\":\"SUSPENDED\",\"changed\":true}"));
        assertProblem(registered, 403, "LICENSE_SUSPENDED");
        assertProblem(newDevice, 403, "LICENSE_SUSPENDED");
        assertThat(json(suspendedAgain).get("changed").asBoolean()).isFalse();
        assertThat(json(reinstated).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(json(reinstated).get("changed").asBoolean()).isTrue();
        assertThat(servedAgain.statusCode()).as(servedAgain.body()).isEqualTo(200);
        assertThat(payloadTypesOf(project.projectId())).containsSubsequence(
                "io.licenseledger.events.project.ProjectStatusChanged",
                "io.licenseledger.events.project.AuthorizationRefused",
                "io.licenseledger.events.project.AuthorizationRefused",
                "io.licenseledger.events.project.ProjectStatusChanged",
                "io.licenseledger.events.project.DeviceAuthorized");
    }

    @Test
    void revokedProjectIsRefusedAsRevokedAndCannotBeReinstated() {
        LicensedProject project = licensedProject();
        String path = "/api/v1/projects/" + project.projectId();

        HttpResponse<String> revoked = adminPost(path + "/revoke", Map.of("note", "contract ended"));
        HttpResponse<String> refused = post("/api/v1/authorize", authorizeBody(project, "dev-1"));
        long before = eventsOf(project.projectId());
        HttpResponse<String> reinstated = adminPost(path + "/reinstate", Map.of());
        HttpResponse<String> suspended = adminPost(path + "/suspend", Map.of());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("status").asString()).isEqualTo("REVOKED");
        assertProblem(refused, 403, "LICENSE_REVOKED");
        assertProblem(reinstated, 409, "INVALID_TRANSITION");
        assertProblem(suspended, 409, "INVALID_TRANSITION");
        assertThat(eventsOf(project.projectId())).isEqualTo(before);
    }

    @Test
    void suspendedItemServesNoDeviceUntilItIsReinstated() {
        LicensedProject project = licensedProject(false);
        String itemPath = "/api/v1/projects/" + project.projectId() + "/items/" + project.seats().itemId().value();

        HttpResponse<String> suspended = adminPost(itemPath + "/suspend", Map.of());
        HttpResponse<String> refused = post("/api/v1/authorize", authorizeBody(project, "dev-1"));
        HttpResponse<String> reinstated = adminPost(itemPath + "/reinstate", Map.of());
        HttpResponse<String> served = post("/api/v1/authorize", authorizeBody(project, "dev-1"));

        assertThat(json(suspended)).isEqualTo(JSON.readTree("{\"projectId\":\"" + project.projectId()
                + "\",\"itemId\":\"" + project.seats().itemId().value()
                + "\",\"status\":\"SUSPENDED\",\"changed\":true}"));
        assertProblem(refused, 403, "LICENSE_SUSPENDED");
        assertThat(json(reinstated).get("changed").asBoolean()).isTrue();
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    }

    @Test
    void changingTheStatusOfAnItemNotAttachedToTheProjectIsNotFound() {
        refusedRecordingNothing(() -> adminPost("/api/v1/projects/" + shared().projectId()
                + "/items/no-such-item/suspend", Map.of()), 404, "ITEM_NOT_FOUND");
    }

    @Test
    void unregisteredDeviceFreesItsSeatAndIsThenNotRegistered() {
        KeyedProject project = projectWith(perDevice("one-seat-" + suffix(), 1, "NONE",
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))));
        assertThat(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-1")).statusCode())
                .isEqualTo(200);
        assertProblem(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-2")), 403,
                "QUOTA_EXCEEDED");

        HttpResponse<String> unregistered = adminDelete("/api/v1/projects/" + project.projectId()
                + "/devices/dev-1");
        HttpResponse<String> again = adminDelete("/api/v1/projects/" + project.projectId() + "/devices/dev-1");
        HttpResponse<String> next = post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-2"));

        assertThat(unregistered.statusCode()).isEqualTo(204);
        assertProblem(again, 404, "DEVICE_NOT_REGISTERED");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(payloadTypesOf(project.projectId())).containsOnlyOnce(DEVICE_UNREGISTERED);
        JsonNode unregistration = payloadsOf(project.projectId())
                .get(payloadTypesOf(project.projectId()).indexOf(DEVICE_UNREGISTERED));
        assertThat(unregistration.get("deviceId").asString()).isEqualTo("dev-1");
        assertThat(unregistration.get("reason").asString()).isEqualTo("UNREGISTERED_BY_ADMIN");
    }

    @Test
    void allowedAppsRestrictTheAppsTheProjectServesUntilCleared() {
        LicensedProject project = licensedProject();
        String path = "/api/v1/projects/" + project.projectId() + "/allowed-apps";

        HttpResponse<String> restricted = adminPut(path, Map.of("allowedAppIds", List.of("com.acme.scanner")));
        HttpResponse<String> otherApp = post("/api/v1/authorize", Map.of("licenseKey", project.licenseKey(),
                "deviceId", "dev-1", "appId", "com.rival.app"));
        HttpResponse<String> listedApp = post("/api/v1/authorize", Map.of("licenseKey", project.licenseKey(),
                "deviceId", "dev-1", "appId", "com.acme.scanner"));
        HttpResponse<String> cleared = adminPut(path, Map.of("allowedAppIds", List.of()));
        HttpResponse<String> anyApp = post("/api/v1/authorize", Map.of("licenseKey", project.licenseKey(),
                "deviceId", "dev-2", "appId", "com.rival.app"));

        assertThat(restricted.statusCode()).isEqualTo(200);
        assertThat(json(restricted)).isEqualTo(JSON.readTree("{\"projectId\":\"" + project.projectId()
                + "\",\"allowedAppIds\":[\"com.acme.scanner\"]}"));
        assertProblem(otherApp, 403, "APP_NOT_ALLOWED");
        assertThat(listedApp.statusCode()).as(listedApp.body()).isEqualTo(200);
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(anyApp.statusCode()).as(anyApp.body()).isEqualTo(200);
    }

    @Test
    void malformedAllowedAppsAreRefusedAndNothingIsRecorded() {
        String path = "/api/v1/projects/" + shared().projectId() + "/allowed-apps";
        long before = events();

        HttpResponse<String> missing = adminPut(path, Map.of());
        HttpResponse<String> badApp = adminPut(path, Map.of("allowedAppIds", List.of("bad app")));

        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertProblem(badApp, 400, "VALIDATION_FAILED");
        assertThat(json(badApp).get("detail").asString()).contains("appId");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void busyProjectIsSnapshottedUnderTheCurrentRevisionAndLoadsFromEventsWhenTheRevisionDiffers()
            throws InterruptedException {
        LicensedProject project = licensedProject(false);
        for (int i = 0; i <= SNAPSHOT_THRESHOLD; i++) {
            assertThat(post("/api/v1/authorize", authorizeBody(project, "dev-1")).statusCode()).isEqualTo(200);
        }

        String snapshots = "SELECT type, payload_type, payload_revision FROM snapshot_event_entry"
                + " WHERE aggregate_identifier = ?";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (jdbc.queryForList(snapshots, project.projectId()).isEmpty() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }

        assertThat(jdbc.queryForList(snapshots, project.projectId())).singleElement().isEqualTo(Map.of(
                "TYPE", "Project", "PAYLOAD_TYPE", "io.licenseledger.command.project.Project",
                "PAYLOAD_REVISION", "2"));
        assertThat(eventStore.readEvents(project.projectId()).peek().getPayloadType().getName())
                .isEqualTo("io.licenseledger.command.project.Project");
        jdbc.update("UPDATE snapshot_event_entry SET payload_revision = '0' WHERE aggregate_identifier = ?",
                project.projectId());
        assertThat(eventStore.readEvents(project.projectId()).peek().getSequenceNumber()).isZero();
    }

    @Test
    void lifecycleCallsOnAnUnknownProjectAreNotFoundAndRecordNothing() {
        String path = "/api/v1/projects/prj_no_such_project";
        long before = events();

        assertProblem(adminPost(path + "/suspend", Map.of()), 404, "PROJECT_NOT_FOUND");
        assertProblem(adminPost(path + "/items/some-item/revoke", Map.of()), 404, "PROJECT_NOT_FOUND");
        assertProblem(adminDelete(path + "/devices/dev-1"), 404, "PROJECT_NOT_FOUND");
        assertProblem(adminPut(path + "/allowed-apps", Map.of("allowedAppIds", List.of())), 404,
                "PROJECT_NOT_FOUND");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void lifecycleCallsWithoutTheAdminTokenAreRefusedAsUnauthenticated() {
        String path = "/api/v1/projects/" + shared().projectId();
        long before = events();

        HttpResponse<String> suspend = post(path + "/suspend", Map.of());
        HttpResponse<String> unregister = send(HttpRequest.newBuilder(uri(path + "/devices/dev-1")).DELETE());

        assertProblem(suspend, 401, "UNAUTHENTICATED");
        assertProblem(unregister, 401, "UNAUTHENTICATED");
        assertThat(events()).isEqualTo(before);
    }

    private HttpResponse<String> adminPut(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }
}
