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
        if (storage != null) {
            Optional<DomainEventMessage<?>> snapshot = storage.readSnapshot(projectId.value());
            Optional<ProjectState> state = snapshot.flatMap(taken -> SnapshotStates.of(taken.getPayload()));
            if (state.isPresent()) {
                long sequence = snapshot.get().getSequenceNumber();
                // one stream from the snapshot's last event: it says whether the snapshot predates the instant, and
                // the events after it continue the fold
                DomainEventStream events = eventStore.readEvents(projectId.value(), sequence);
                DomainEventMessage<?> lastEvent = events.hasNext() ? events.peek() : null;
                if (lastEvent != null && lastEvent.getSequenceNumber() == sequence
                        && !lastEvent.getTimestamp().isAfter(at)) {
                    events.next();
                    return AsOf.fold(at, new AsOf(at, state.get(), sequence, lastEvent.getTimestamp(), sequence),
                            events);
                }
            }
        }
        return AsOf.fold(at, eventStore.readEvents(projectId.value(), 0));
    }
}
