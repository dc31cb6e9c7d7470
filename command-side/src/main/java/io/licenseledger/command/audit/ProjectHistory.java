package io.licenseledger.command.audit;

import io.licenseledger.command.project.SnapshotStates;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.events.ProjectId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads a project's events from the ledger for {@link AsOf}. The project's snapshot (of the current revision, as the
 * aggregate would load it) is the start when its last event was recorded at or before the instant: a project's events
 * are recorded in the order of their sequence, on the ledger's clock, so those before it were too. Otherwise, and
 * where the store offers no snapshot (Axon Server), the fold starts from the first event.
 */
@Component
class ProjectHistory {

    private final EventStore eventStore;
    private final EventStorageEngine storage;

    ProjectHistory(EventStore eventStore, ObjectProvider<EventStorageEngine> storage) {
        this.eventStore = eventStore;
        this.storage = storage.getIfAvailable();
    }

    Optional<AsOf> asOf(ProjectId projectId, Instant at) {
        Optional<AsOf> fromSnapshot = snapshotNotAfter(projectId, at);
        if (fromSnapshot.isPresent()) {
            AsOf snapshot = fromSnapshot.get();
            return AsOf.fold(at, snapshot, eventStore.readEvents(projectId.value(), snapshot.lastSequence() + 1));
        }
        return AsOf.fold(at, eventStore.readEvents(projectId.value(), 0));
    }

    private Optional<AsOf> snapshotNotAfter(ProjectId projectId, Instant at) {
        if (storage == null) {
            return Optional.empty();
        }
        Optional<DomainEventMessage<?>> snapshot = storage.readSnapshot(projectId.value());
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        long sequence = snapshot.get().getSequenceNumber();
        Optional<ProjectState> state = SnapshotStates.of(snapshot.get().getPayload());
        DomainEventStream last = eventStore.readEvents(projectId.value(), sequence);
        if (state.isEmpty() || !last.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> lastEvent = last.next();
        if (lastEvent.getSequenceNumber() != sequence || lastEvent.getTimestamp().isAfter(at)) {
            return Optional.empty();
        }
        return Optional.of(new AsOf(at, state.get(), sequence, lastEvent.getTimestamp(), sequence));
    }
}
