package io.licenseledger.query.replay;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Rebuilds every read model from the start of the ledger (rule AU4): each streaming processor of this service is
 * shut down, its tokens are reset to the ledger's tail (its projection's {@code @ResetHandler} empties its tables in
 * the same transaction, and Axon empties its dead-letter queue) and it is started again. Progress comes from the
 * processors' tracking status against the ledger's head. Meant for one query-side instance: another instance holding
 * a segment would keep it from being reset.
 */
@Component
class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private record Run(Instant startedAt, long startedNanos, long targetHead) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore ledger;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private Run current;
    private ReplayProgress finished;

    Replays(EventProcessingConfiguration processing, EventStore ledger, Clock clock, DeadLetters deadLetters) {
        this.processing = processing;
        this.ledger = ledger;
        this.clock = clock;
        this.deadLetters = deadLetters;
    }

    synchronized ReplayProgress start() {
        if (current != null && finished == null && progress().running()) {
            throw new LedgerException(ErrorCode.INVALID_TRANSITION, "a replay is already running");
        }
        Map<String, StreamingEventProcessor> processors = streamingProcessors();
        log.info("Replay: rebuilding the read models of processors {} from the start of the ledger",
                processors.keySet());
        processors.values().stream().map(StreamingEventProcessor::shutdownAsync).toList()
                .forEach(CompletableFuture::join);
        processors.values().stream().filter(StreamingEventProcessor::supportsReset)
                .forEach(processor -> processor.resetTokens(StreamableMessageSource::createTailToken));
        current = new Run(clock.instant(), System.nanoTime(), head());
        finished = null;
        processors.values().forEach(StreamingEventProcessor::start);
        return status();
    }

    synchronized ReplayProgress status() {
        return progress().withDeadLetters(deadLetters.summary());
    }

    private ReplayProgress progress() {
        if (finished != null) {
            return finished;
        }
        long head = head();
        List<ReplayProgress.Processor> progress = new ArrayList<>();
        streamingProcessors().forEach((name, processor) -> progress.add(progressOf(name, processor, head)));
        if (current == null) {
            return new ReplayProgress(false, null, 0, head, progress, 0, DeadLetters.Summary.NONE);
        }
        double elapsed = (System.nanoTime() - current.startedNanos()) / 1e9;
        long slowest = progress.stream().mapToLong(ReplayProgress.Processor::position).min().orElse(0);
        boolean done = progress.stream().allMatch(p -> p.position() >= current.targetHead());
        double rate = elapsed > 0 ? Math.min(slowest, current.targetHead()) / elapsed : 0;
        ReplayProgress status = new ReplayProgress(!done, current.startedAt(), elapsed, head, progress, rate,
                DeadLetters.Summary.NONE);
        if (done) {
            finished = status;
            log.info("Replay: every read model rebuilt from {} events in {} s ({} events/s)", current.targetHead(),
                    String.format("%.1f", elapsed), String.format("%.0f", rate));
        }
        return status;
    }

    private Map<String, StreamingEventProcessor> streamingProcessors() {
        Map<String, StreamingEventProcessor> processors = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        return processors;
    }

    private static ReplayProgress.Processor progressOf(String name, StreamingEventProcessor processor,
                                                             long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.isEmpty() ? 0 : segments.values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(0))
                .min().orElse(0);
        boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        double percent = head <= 0 ? 100 : Math.min(100, 100.0 * position / head);
        return new ReplayProgress.Processor(name, position, head, Math.round(percent * 10) / 10.0, replaying);
    }

    private long head() {
        TrackingToken head = ledger.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
