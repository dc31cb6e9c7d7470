package io.licenseledger.command.project;

import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.licenseledger.command.project.ProjectFixtures.CREDENTIAL_HASH;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacedSnapshotterTest {

    private static final String ID = PROJECT.value();
    private static final long TASK_MILLIS = 10;

    /** Each reading moves it on by {@link #TASK_MILLIS}: a snapshot (two readings) seems to take that long. */
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void takesAProjectsNextSnapshotOnlyOnceItsLastOneIsASmallEnoughShareOfTheTimeSince() {
        try (ProjectStore store = ProjectStore.inMemory(new ProjectSnapshots().projectSnapshotFilter())) {
            PacedSnapshotter snapshotter = pacedAt(store, 0.1);
            store.handle(ID, new CreateProject(PROJECT, "Scanner app", CREDENTIAL_HASH, Set.of()));
            store.handle(ID, authorize("dev-1", NOW));

            snapshotter.scheduleSnapshot(Project.class, ID);
            assertThat(snapshotSequence(store)).isEqualTo(1);

            // 10 ms at 10 %: not before 100 ms after the last snapshot started.
            store.handle(ID, authorize("dev-2", NOW));
            nanos.set(Duration.ofMillis(90).toNanos());
            snapshotter.scheduleSnapshot(Project.class, ID);
            assertThat(snapshotSequence(store)).isEqualTo(1);

            nanos.set(Duration.ofMillis(100).toNanos());
            snapshotter.scheduleSnapshot(Project.class, ID);
            assertThat(snapshotSequence(store)).isEqualTo(2);
        }
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        try (ProjectStore store = ProjectStore.inMemory(new ProjectSnapshots().projectSnapshotFilter())) {
            assertThatThrownBy(() -> pacedAt(store, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pacedAt(store, 1.5)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private PacedSnapshotter pacedAt(ProjectStore store, double share) {
        SpringAggregateSnapshotter.Builder builder = (SpringAggregateSnapshotter.Builder) SpringAggregateSnapshotter
                .builder()
                .aggregateFactories(new GenericAggregateFactory<>(Project.class))
                .parameterResolverFactory(ClasspathParameterResolverFactory.forClass(Project.class))
                .eventStore(store.eventStore);
        return new PacedSnapshotter(builder, share,
                () -> nanos.getAndAdd(Duration.ofMillis(TASK_MILLIS).toNanos()));
    }

    private static long snapshotSequence(ProjectStore store) {
        return store.jdbc.queryForObject("SELECT sequence_number FROM snapshot_event_entry WHERE aggregate_identifier"
                + " = ?", Long.class, ID);
    }
}
