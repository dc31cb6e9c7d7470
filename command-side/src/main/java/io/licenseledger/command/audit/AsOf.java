package io.licenseledger.command.audit;

import io.licenseledger.command.state.ProjectState;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectEvent;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/**
 * A project as its ledger left it at one instant (rule AU5): its events folded, in the order of their sequence, by
 * {@link ProjectState#evolve} as the aggregate folds them, up to the first one the ledger recorded after {@code at}.
 * {@code lastSequence} and {@code lastEventAt} name the last event folded; {@code snapshotSequence} the snapshot the
 * fold started from, null when it started from the first event.
 */
record AsOf(Instant at, ProjectState state, long lastSequence, Instant lastEventAt, Long snapshotSequence) {

    /** Empty when the project did not exist yet at {@code at} (or at all). */
    static Optional<AsOf> fold(Instant at, Iterator<? extends DomainEventMessage<?>> events) {
        return fold(at, new AsOf(at, ProjectState.initial(), -1, null, null), events);
    }

    /**
     * Folds {@code events}, those after {@code from}'s last sequence, into {@code from}: a snapshot whose last event
     * was recorded at or before {@code at}, or nothing yet.
     */
    static Optional<AsOf> fold(Instant at, AsOf from, Iterator<? extends DomainEventMessage<?>> events) {
        ProjectState state = from.state();
        long lastSequence = from.lastSequence();
        Instant lastEventAt = from.lastEventAt();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            if (event.getPayload() instanceof ProjectEvent projectEvent) {
                if (lastSequence < 0 && !(projectEvent instanceof ProjectCreated)) {
                    return Optional.empty();
                }
                state = state.evolve(projectEvent);
                lastSequence = event.getSequenceNumber();
                lastEventAt = event.getTimestamp();
            }
        }
        return lastSequence < 0 ? Optional.empty()
                : Optional.of(new AsOf(at, state, lastSequence, lastEventAt, from.snapshotSequence()));
    }
}
