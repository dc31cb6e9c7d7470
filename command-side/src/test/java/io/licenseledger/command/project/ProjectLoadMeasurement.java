package io.licenseledger.command.project;

import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.ProjectCreated;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.project.ProjectFixtures.CREDENTIAL_HASH;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a check but a figure: how long the first command on a project with a long history takes, loaded from its
 * events and from a snapshot. Run on demand, in a file-backed H2 like the service's:
 * {@code mvn -pl command-side -am test -Dtest=ProjectLoadMeasurement -Dledger.measure.events=1000000
 * -Dledger.measure.devices=100000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "ledger.measure.events", matches = "\\d+")
class ProjectLoadMeasurement {

    private static final int BATCH = 5_000;

    @TempDir
    Path dir;

    @Test
    void firstCommandAfterARestartWithAndWithoutASnapshot() {
        long events = Long.getLong("ledger.measure.events");
        int devices = Integer.getInteger("ledger.measure.devices", 100_000);
        LicenseItem seats = perDevice("seats", devices + 1_000L, "NONE", TERM_START, TERM_END);
        String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_DELAY=-1";
        String id = PROJECT.value();

        long seeding = System.nanoTime();
        try (ProjectStore seed = new ProjectStore(url, SnapshotFilter.rejectAll())) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (long sequence = 0; sequence < events; sequence++) {
                batch.add(new GenericDomainEventMessage<>(ProjectSnapshots.AGGREGATE_TYPE, id, sequence,
                        historyEvent(sequence, seats, devices)));
                if (batch.size() == BATCH || sequence == events - 1) {
                    seed.eventStore.publish(batch);
                    batch.clear();
                }
            }
        }
        report("seeded %,d events (%,d devices) in %,d ms", events, devices, millisSince(seeding));

        try (ProjectStore store = new ProjectStore(url, SnapshotFilter.rejectAll())) {
            long start = System.nanoTime();
            Object decision = store.handle(id, authorize("dev-first", NOW)).result();
            report("first authorization from %,d events: %,d ms", events, millisSince(start));
            assertThat(decision).isInstanceOf(AuthorizationDecision.Granted.class);
        }
        try (ProjectStore store = new ProjectStore(url, new ProjectSnapshots().projectSnapshotFilter())) {
            long start = System.nanoTime();
            store.snapshot(id);
            report("snapshot taken in %,d ms, %,d bytes", millisSince(start), store.jdbc.queryForObject(
                    "SELECT OCTET_LENGTH(payload) FROM snapshot_event_entry", Long.class));
        }
        for (int restart = 1; restart <= 3; restart++) {
            try (ProjectStore store = new ProjectStore(url, new ProjectSnapshots().projectSnapshotFilter())) {
                long start = System.nanoTime();
                Object decision = store.handle(id, authorize("dev-after-" + restart, NOW)).result();
                report("first authorization from the snapshot (run %d): %,d ms", restart, millisSince(start));
                assertThat(decision).isInstanceOf(AuthorizationDecision.Granted.class);
                assertThat(store.firstLoaded(id).getPayload()).isInstanceOf(Project.class);
                start = System.nanoTime();
                store.handle(id, authorize("dev-again-" + restart, NOW));
                report("  a second one, loaded again from the snapshot by the same repository: %,d ms",
                        millisSince(start));

                start = System.nanoTime();
                byte[] payload = store.jdbc.queryForObject("SELECT payload FROM snapshot_event_entry", byte[].class);
                long read = millisSince(start);
                start = System.nanoTime();
                ProjectStore.SERIALIZER.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                        Project.class.getName(), Project.REVISION));
                report("  of which reading the snapshot row: %,d ms, deserializing it: %,d ms", read,
                        millisSince(start));
            }
        }
    }

    /** Created, the item attached, {@code devices} registrations, then re-authorizations of them. */
    private static Object historyEvent(long sequence, LicenseItem seats, int devices) {
        if (sequence == 0) {
            return new ProjectCreated(PROJECT, "Busy project", CREDENTIAL_HASH, Set.of());
        }
        if (sequence == 1) {
            return attached(seats);
        }
        long n = sequence - 2;
        Instant at = NOW.minus(Duration.ofDays(1)).plusMillis(sequence);
        DeviceId device = new DeviceId("dev-" + (n % devices));
        return new DeviceAuthorized(PROJECT, device, null, null, seats.itemId(), LicenseType.PER_DEVICE,
                n < devices, false, at, at.plus(Duration.ofDays(30)), at.plus(Duration.ofDays(7)));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String format, Object... args) {
        System.out.println("MEASURE " + String.format(format, args));
    }
}
