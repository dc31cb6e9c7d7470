package io.licenseledger.command;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.QuotaAdded;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.renewing;
import static org.assertj.core.api.Assertions.assertThat;

/** The design card's AddQuota and RenewLicense, and detaching an item, over HTTP. */
class QuotaApiTest extends CommandSideApiFixture {

    private static final String QUOTA_ADDED = "io.licenseledger.events.project.QuotaAdded";
    private static final String LICENSE_RENEWED = "io.licenseledger.events.project.LicenseRenewed";
    private static final String ITEM_DETACHED = "io.licenseledger.events.project.ItemDetached";

    @Test
    void renewLicenseAttachesARenewalOnceAndTheSameKeyRunsOnIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LicenseItem ended = perDevice("ended-" + suffix(), 5, "NONE", now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(1)));
        LicenseItem renewal = renewing(perDevice("renewal-" + suffix(), 5, "NONE", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365))), ended.itemId().value());
        // Imported before the item it renews is on a project, so the import attaches nothing by itself.
        importLicense(document("lic-" + suffix(), ended, renewal));
        JsonNode created = createProject();
        KeyedProject project = new KeyedProject(created.get("projectId").asString(),
                created.get("licenseKey").asString());
        assertThat(adminPost("/api/v1/projects/" + project.projectId() + "/items",
                Map.of("itemId", ended.itemId().value())).statusCode()).isEqualTo(200);

        HttpResponse<String> renewed = adminPost("/api/v1/projects/" + project.projectId() + "/renewals",
                Map.of("itemId", renewal.itemId().value()));
        HttpResponse<String> again = adminPost("/api/v1/projects/" + project.projectId() + "/renewals",
                Map.of("itemId", renewal.itemId().value()));

        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        assertThat(json(renewed).get("attached").asBoolean()).isTrue();
        assertThat(json(again).get("attached").asBoolean()).isFalse();
        assertThat(payloadTypesOf(project.projectId())).endsWith(QUOTA_ADDED, LICENSE_RENEWED);
        JsonNode event = payloadsOf(project.projectId()).get(payloadTypesOf(project.projectId()).size() - 1);
        assertThat(event.get("renewedItemId").asString()).isEqualTo(ended.itemId().value());
        assertThat(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-1")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRenewalOfNoItemOfTheProjectIsRefusedRecordingNothing() {
        LicenseItem other = item("other");
        LicenseItem renewal = renewing(item("renewal"), other.itemId().value());
        importLicense(document("lic-" + suffix(), other, renewal));

        refusedRecordingNothing(() -> adminPost("/api/v1/projects/" + shared().projectId() + "/renewals",
                Map.of("itemId", renewal.itemId().value())), 404, "ITEM_NOT_FOUND");
        refusedRecordingNothing(() -> adminPost("/api/v1/projects/" + shared().projectId() + "/renewals",
                Map.of("itemId", other.itemId().value())), 400, "VALIDATION_FAILED");
    }

    @Test
    void detachingUnregistersTheItemsDevicesAndFreesTheItemForAnotherProject() {
        LicenseItem seats = item("detached");
        KeyedProject project = projectWith(seats);
        assertThat(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-1")).statusCode())
                .isEqualTo(200);

        HttpResponse<String> detached = adminDelete("/api/v1/projects/" + project.projectId() + "/items/"
                + seats.itemId().value());

        assertThat(detached.statusCode()).as(detached.body()).isEqualTo(200);
        assertThat(json(detached).get("detached").asBoolean()).isTrue();
        assertThat(payloadTypesOf(project.projectId())).endsWith(DEVICE_UNREGISTERED, ITEM_DETACHED);
        assertThat(payloadsOf(project.projectId()).get(payloadTypesOf(project.projectId()).size() - 2)
                .get("reason").asString()).isEqualTo("ITEM_DETACHED");
        assertProblem(post("/api/v1/authorize", authorizeBody(project.licenseKey(), "dev-2")), 403, "LICENSE_EXPIRED");
        String otherProject = createProject().get("projectId").asString();
        HttpResponse<String> addedElsewhere = adminPost("/api/v1/projects/" + otherProject + "/items",
                Map.of("itemId", seats.itemId().value()));
        assertThat(addedElsewhere.statusCode()).as(addedElsewhere.body()).isEqualTo(200);
        assertThat(json(addedElsewhere).get("attached").asBoolean()).isTrue();
    }

    @Autowired
    EventStore eventStore;

    /** A ledger from before AddQuota holds ItemAttached: the services read it as QuotaAdded, the row unchanged. */
    @Test
    void anItemAttachedStoredBeforeAddQuotaIsReadAsQuotaAdded() {
        String aggregateId = "prj_stored_before_" + suffix();
        String payload = "{\"projectId\":\"" + aggregateId + "\",\"licenseId\":\"lic-old\",\"item\":{\"itemId\":"
                + "\"old-seats\",\"type\":\"PER_DEVICE\",\"quantity\":3,\"validFrom\":\"2026-01-01T00:00:00Z\","
                + "\"validUntil\":\"2027-01-01T00:00:00Z\",\"activeWindow\":\"P30D\",\"offlineWindow\":\"PT168H\","
                + "\"seatLease\":null,\"overage\":\"NONE\",\"renewalOf\":null}}";
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, 0, 'Project', '2026-01-02T00:00:00Z', ?, '1', ?, ?)",
                "stored-before-" + suffix(), aggregateId, "io.licenseledger.events.project.ItemAttached",
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        Object event = eventStore.readEvents(aggregateId).next().getPayload();

        assertThat(event).isInstanceOf(QuotaAdded.class);
        assertThat(((QuotaAdded) event).item().quantity()).isEqualTo(3);
        assertThat(payloadTypesOf(aggregateId)).containsExactly("io.licenseledger.events.project.ItemAttached");
    }

    @Test
    void detachingAnItemNotOnTheProjectIsRefusedRecordingNothing() {
        refusedRecordingNothing(() -> adminDelete("/api/v1/projects/" + shared().projectId() + "/items/no-such-item"),
                404, "ITEM_NOT_FOUND");
    }
}
