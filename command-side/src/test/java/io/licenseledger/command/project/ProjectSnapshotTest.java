package io.licenseledger.command.project;

import io.licenseledger.command.quota.AddQuota;
import io.licenseledger.command.alerts.SetAlertRecipients;
import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.command.lifecycle.ChangeItemStatus;
import io.licenseledger.command.lifecycle.ChangeProjectStatus;
import io.licenseledger.command.alerts.CheckExpiryAlerts;
import io.licenseledger.command.lifecycle.SetAllowedApps;
import io.licenseledger.command.lifecycle.UnregisterDevice;
import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.licenseledger.command.TestItems.concurrent;
import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.project.ProjectFixtures.CREDENTIAL_HASH;
import static io.licenseledger.command.project.ProjectFixtures.LICENSE;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.authorizeApp;
import static io.licenseledger.command.project.ProjectFixtures.reportUsage;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectSnapshotTest {

    private static final String ID = PROJECT.value();
    private static final LicenseItem SEATS = perDevice("seats", 3, "PERCENT(50)", TERM_START, TERM_END);
    private static final LicenseItem FLOATING = concurrent("floating", 1, "NONE", Duration.ofHours(1), TERM_START,
            TERM_END);
    private static final LicenseItem UNITS = perUsage("units", 100, "PERCENT(10)", TERM_START, TERM_END);
    private static final SnapshotFilter REVISION_FILTER = new ProjectSnapshots().projectSnapshotFilter();

    @Test
    void restoredSnapshotDecidesTheNextCommandsAsTheFullHistoryDoes() {
        try (ProjectStore replayed = ProjectStore.inMemory(SnapshotFilter.rejectAll());
             ProjectStore snapshotted = ProjectStore.inMemory(REVISION_FILTER);
             ProjectStore snapshotOnly = ProjectStore.inMemory(REVISION_FILTER)) {
            history().forEach(command -> {
                replayed.handle(ID, command);
                snapshotted.handle(ID, command);
            });
            snapshotted.snapshot(ID);
            // A store holding the snapshot alone (the ledger refuses to delete events): the project can only be loaded
            // from it, and any state it lost would show in the decisions.
            Map<String, Object> snapshot = snapshotted.jdbc.queryForMap("SELECT * FROM snapshot_event_entry");
            snapshotOnly.jdbc.update("INSERT INTO snapshot_event_entry (" + String.join(", ", snapshot.keySet())
                    + ") VALUES (" + String.join(", ", Collections.nCopies(snapshot.size(), "?")) + ")",
                    snapshot.values().toArray());
            assertThat(snapshotOnly.lastSequence(ID)).isEqualTo(-1);
            assertThat(snapshotOnly.jdbc.queryForMap("SELECT type, payload_type, payload_revision, sequence_number"
                    + " FROM snapshot_event_entry")).containsAllEntriesOf(Map.of(
                    "TYPE", ProjectSnapshots.AGGREGATE_TYPE, "PAYLOAD_TYPE", Project.class.getName(),
                    "PAYLOAD_REVISION", Project.REVISION, "SEQUENCE_NUMBER", replayed.lastSequence(ID)));
            assertThat(snapshotOnly.firstLoaded(ID).getPayload()).isInstanceOf(Project.class);

            for (Object command : nextCommands()) {
                ProjectStore.Outcome expected = replayed.handle(ID, command);
                ProjectStore.Outcome actual = snapshotOnly.handle(ID, command);
                assertThat(actual.events()).as("events of %s", command).isEqualTo(expected.events());
                assertThat(actual.result()).as("result of %s", command).isEqualTo(expected.result());
                assertThat(String.valueOf(actual.failure())).as("failure of %s", command)
                        .isEqualTo(String.valueOf(expected.failure()));
            }
            assertThat(snapshotOnly.lastSequence(ID)).isEqualTo(replayed.lastSequence(ID));
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"1", "3"})
    void snapshotOfAnotherRevisionIsIgnoredAndTheProjectRebuiltFromItsEvents(String revision) {
        try (ProjectStore store = ProjectStore.inMemory(REVISION_FILTER)) {
            history().forEach(command -> store.handle(ID, command));
            storeRevokedLookingSnapshot(store, revision);

            assertThat(store.firstLoaded(ID).getPayload()).isInstanceOf(ProjectCreated.class);
            assertThat(decisionOnNewDevice(store)).isInstanceOf(AuthorizationDecision.Granted.class);
        }
    }

    /** The control of the test above: the same row under the current revision is read, and would be misread. */
    @Test
    void snapshotOfTheCurrentRevisionIsRead() {
        try (ProjectStore store = ProjectStore.inMemory(REVISION_FILTER)) {
            history().forEach(command -> store.handle(ID, command));
            storeRevokedLookingSnapshot(store, Project.REVISION);

            assertThat(store.firstLoaded(ID).getPayload()).isInstanceOf(Project.class);
            assertThat(decisionOnNewDevice(store)).isEqualTo(new AuthorizationDecision.Refused(
                    ErrorCode.LICENSE_REVOKED, "this project is revoked"));
        }
    }

    /** A snapshot row whose state, read as a project of today, would be a revoked project with nothing in it. */
    private static void storeRevokedLookingSnapshot(ProjectStore store, String revision) {
        store.jdbc.update("INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type,"
                        + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ID, store.lastSequence(ID), ProjectSnapshots.AGGREGATE_TYPE, "old-snapshot", "{}".getBytes(),
                ("{\"projectId\":\"" + ID + "\",\"status\":\"REVOKED\",\"allowedAppIds\":[]}").getBytes(),
                revision, Project.class.getName(), NOW.toString());
    }

    private static Object decisionOnNewDevice(ProjectStore store) {
        ProjectStore.Outcome outcome = store.handle(ID, authorizeApp("dev-new", "scanner", NOW));
        assertThat(outcome.failure()).isNull();
        return outcome.result();
    }

    /** Registrations on every item type, usage, alerts, allowed apps, recipients and an item's status. */
    private static List<Object> history() {
        List<Object> commands = new ArrayList<>(List.of(
                new AddQuota(PROJECT, LICENSE, SEATS),
                new AddQuota(PROJECT, LICENSE, FLOATING),
                new AddQuota(PROJECT, LICENSE, UNITS)));
        // Named so that a hash set would order the seats' devices otherwise than they registered.
        List<String> devices = List.of("zeta", "alpha", "mike", "dev-4", "dev-5", "dev-6");
        for (int i = 0; i < devices.size(); i++) {
            commands.add(authorizeApp(devices.get(i), "scanner", NOW.plusSeconds(i)));
        }
        commands.addAll(List.of(
                reportUsage("dev-6", "batch-1", 85, NOW.plusSeconds(10)),
                new SetAlertRecipients(PROJECT, List.of("https://hooks.example.com/a"), List.of("ops@example.com")),
                new SetAllowedApps(PROJECT, Set.of(new AppId("scanner"), new AppId("viewer"))),
                new ChangeItemStatus(PROJECT, FLOATING.itemId(), LicenseStatus.SUSPENDED, "audit", NOW.plusSeconds(20)),
                new UnregisterDevice(PROJECT, new DeviceId("dev-4"), NOW.plusSeconds(30)),
                new CheckExpiryAlerts(PROJECT, TERM_END.minus(Duration.ofDays(20)))));
        commands.add(0, new CreateProject(PROJECT, "Scanner app", CREDENTIAL_HASH, Set.of(new AppId("scanner"))));
        return commands;
    }

    private static List<Object> nextCommands() {
        Instant later = NOW.plus(Duration.ofHours(2));
        return List.of(
                authorizeApp("dev-7", "scanner", later),
                authorizeApp("dev-1", "viewer", later),
                authorizeApp("dev-8", "other", later),
                reportUsage("dev-6", "batch-2", 20, later),
                new SetAlertRecipients(PROJECT, List.of("https://hooks.example.com/a"), List.of("ops@example.com")),
                new SetAllowedApps(PROJECT, Set.of(new AppId("viewer"), new AppId("scanner"))),
                new ChangeItemStatus(PROJECT, FLOATING.itemId(), LicenseStatus.ACTIVE, "resumed", later),
                authorizeApp("dev-9", "scanner", later),
                new ChangeItemStatus(PROJECT, SEATS.itemId(), LicenseStatus.REVOKED, "fraud", later),
                new UnregisterDevice(PROJECT, new DeviceId("alpha"), later),
                authorizeApp("dev-10", "scanner", later.plus(Duration.ofHours(2))),
                new CheckExpiryAlerts(PROJECT, TERM_END.minus(Duration.ofDays(5))),
                new ChangeProjectStatus(PROJECT, LicenseStatus.SUSPENDED, "unpaid", later),
                authorizeApp("dev-11", "scanner", later));
    }
}
