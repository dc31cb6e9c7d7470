package io.licenseledger.query.replay;

import io.licenseledger.query.ProjectionConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The events the query processor parked in its dead-letter queue (see {@code EventIsolation}), per project, and their
 * retry. A rebuild of the read models ({@link Replays}) replaces the queue with the events it could not handle.
 */
@Component
class DeadLetters {

    /** At most this many sequences are listed; the counts cover all. */
    static final int LISTED = 100;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** What is parked: {@code letters} events in {@code sequences} projects. */
    record Summary(long letters, long sequences, List<ParkedSequence> parked) {

        static final Summary NONE = new Summary(0, 0, List.of());
    }

    /**
     * One parked project: its first parked event (the one that failed; the others wait behind it), where it is in the
     * project's stream and in the ledger, why it failed, since when it is parked and when it was last tried.
     */
    record ParkedSequence(String sequence, long letters, String eventType, String eventId, Long sequenceNumber,
                          Long ledgerPosition, String causeType, String causeMessage, Instant since,
                          Instant lastTried) {
    }

    /** A retry's outcome: sequences processed to the end, and what stays parked. */
    record Retry(int processed, long remainingSequences, long remainingLetters) {
    }

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    Summary summary() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue();
        if (queue == null) {
            return Summary.NONE;
        }
        long letters = queue.size();
        if (letters == 0) {
            return Summary.NONE;
        }
        List<ParkedSequence> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            if (parked.size() == LISTED) {
                break;
            }
            Iterator<DeadLetter<? extends EventMessage<?>>> iterator = sequence.iterator();
            if (iterator.hasNext()) {
                DeadLetter<? extends EventMessage<?>> first = iterator.next();
                String id = sequenceOf(first);
                parked.add(parkedSequence(id, first, queue.sequenceSize(id)));
            }
        }
        return new Summary(letters, queue.amountOfSequences(), List.copyOf(parked));
    }

    /**
     * Hands every parked sequence to the projections again, oldest first, once each: a sequence whose first event
     * still fails stays parked (with the new cause) and the others are tried after it.
     */
    Retry retry() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue();
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(ProjectionConfiguration.PROCESSING_GROUP).orElse(null);
        if (queue == null || processor == null) {
            return new Retry(0, 0, 0);
        }
        long sequences = queue.amountOfSequences();
        int processed = 0;
        for (long i = 0; i < sequences; i++) {
            try {
                if (processor.processAny()) {
                    processed++;
                }
            } catch (RuntimeException stillFailing) {
                log.warn("Retrying a parked sequence failed again: {}", stillFailing.toString());
            }
        }
        Retry retry = new Retry(processed, queue.amountOfSequences(), queue.size());
        log.info("Retried the dead letters: {} sequence(s) processed, {} still parked", processed,
                retry.remainingSequences());
        return retry;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return processing.deadLetterQueue(ProjectionConfiguration.PROCESSING_GROUP).orElse(null);
    }

    /** The project (aggregate) identifier, as {@code SequentialPerAggregatePolicy} sequences the processing group. */
    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JdbcDeadLetter<?> stored) {
            return stored.getSequenceIdentifier();
        }
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private static ParkedSequence parkedSequence(String sequence, DeadLetter<? extends EventMessage<?>> letter,
                                                 long letters) {
        EventMessage<?> event = letter.message();
        Long sequenceNumber = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        Cause cause = letter.cause().orElse(null);
        return new ParkedSequence(sequence, letters,
                event.getPayloadType().getSimpleName(), event.getIdentifier(), sequenceNumber, position,
                cause == null ? null : cause.type(), cause == null ? null : cause.message(), letter.enqueuedAt(),
                letter.lastTouched());
    }
}
