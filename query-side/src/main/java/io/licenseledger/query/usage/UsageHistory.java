package io.licenseledger.query.usage;

import io.licenseledger.events.Counts;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.query.ProjectionConfiguration;
import io.licenseledger.query.usage.UsageHistoryReport.Difference;
import io.licenseledger.query.usage.UsageHistoryReport.Row;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recomputes a project's usage history from the ledger and checks the usage read model against it. The project's
 * events are read as a stream (in pages, from the store), and only the lines of the answer are held: their number is
 * bounded by the periods, items and features with usage, not by the events.
 */
@Component
class UsageHistory {

    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private record Key(String period, String itemId, String feature) {
    }

    private record PeriodFeature(String period, String feature) {
        static final Comparator<PeriodFeature> ORDER = Comparator.comparing(PeriodFeature::period)
                .thenComparing(PeriodFeature::feature);
    }

    private final EventStore eventStore;
    private final UsageTable table;
    private final EventProcessingConfiguration processing;

    UsageHistory(EventStore eventStore, UsageTable table, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.table = table;
        this.processing = processing;
    }

    /**
     * The history of days {@code from} to {@code to} (included). The read model is compared once it has folded the
     * ledger up to its head as it was when asked; a batch recorded meanwhile can show as a difference, so a report
     * with differences is made once more if the ledger moved on.
     */
    UsageHistoryReport report(ProjectId projectId, UsagePeriod period, LocalDate from, LocalDate to) {
        long head = head();
        UsageHistoryReport report = reportAt(head, projectId, period, from, to);
        if (!report.check().matches() && head() != head) {
            report = reportAt(head(), projectId, period, from, to);
        }
        return report;
    }

    private UsageHistoryReport reportAt(long head, ProjectId projectId, UsagePeriod period, LocalDate from,
                                        LocalDate to) {
        boolean caughtUp = awaitReadModelAt(head);
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Key, Long> units = new TreeMap<>(Comparator.comparing(Key::period)
                .thenComparing(key -> Objects.toString(key.itemId(), ""))
                .thenComparing(key -> Objects.toString(key.feature(), "")));
        long events = 0;
        boolean exists = false;
        DomainEventStream stream = eventStore.readEvents(projectId.value(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            exists = true;
            if (!(event.getPayload() instanceof UsageRecorded recorded)) {
                continue;
            }
            events++;
            for (UsageAllocation allocation : recorded.allocations()) {
                if (allocation.at().isBefore(start) || !allocation.at().isBefore(end)) {
                    continue;
                }
                Key key = new Key(period.of(allocation.at()),
                        allocation.itemId() == null ? null : allocation.itemId().value(),
                        allocation.feature() == null ? null : allocation.feature().value());
                units.merge(key, allocation.units(), Counts::add);
            }
        }
        if (!exists) {
            throw new LedgerException(ErrorCode.PROJECT_NOT_FOUND, "no project " + projectId + " in the ledger");
        }
        List<Row> rows = new ArrayList<>();
        Map<PeriodFeature, Long> ledger = new TreeMap<>(PeriodFeature.ORDER);
        long total = 0;
        for (Map.Entry<Key, Long> line : units.entrySet()) {
            Key key = line.getKey();
            rows.add(new Row(key.period(), key.itemId(), key.feature(), line.getValue()));
            ledger.merge(new PeriodFeature(key.period(), Objects.toString(key.feature(), UsageTable.NO_FEATURE)),
                    line.getValue(), Counts::add);
            total = Counts.add(total, line.getValue());
        }
        Map<PeriodFeature, Long> readModel = new TreeMap<>(PeriodFeature.ORDER);
        table.forEachHour(projectId, start, end, hour -> readModel.merge(
                new PeriodFeature(period.of(hour.hourStart()), hour.feature()), hour.units(), Counts::add));
        return new UsageHistoryReport(projectId.value(), period.text(), from, to, head, events, total, rows,
                check(ledger, readModel, caughtUp));
    }

    private static UsageHistoryReport.Check check(Map<PeriodFeature, Long> ledger,
                                                  Map<PeriodFeature, Long> readModel, boolean caughtUp) {
        Set<PeriodFeature> keys = new TreeSet<>(PeriodFeature.ORDER);
        keys.addAll(ledger.keySet());
        keys.addAll(readModel.keySet());
        List<Difference> differences = keys.stream()
                .filter(key -> !ledger.getOrDefault(key, 0L).equals(readModel.getOrDefault(key, 0L)))
                .map(key -> new Difference(key.period(), key.feature().isEmpty() ? null : key.feature(),
                        ledger.getOrDefault(key, 0L), readModel.getOrDefault(key, 0L)))
                .toList();
        long readModelTotal = readModel.values().stream().reduce(0L, Counts::add);
        return new UsageHistoryReport.Check(differences.isEmpty(), caughtUp, readModelTotal, differences);
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** Waits (a bounded time) until every segment of the read models' processor has passed {@code head}. */
    private boolean awaitReadModelAt(long head) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            StreamingEventProcessor processor = processing.eventProcessor(ProjectionConfiguration.PROCESSING_GROUP,
                    StreamingEventProcessor.class).orElse(null);
            Map<Integer, EventTrackerStatus> segments = processor == null ? Map.of() : processor.processingStatus();
            if (!segments.isEmpty() && segments.values().stream()
                    .allMatch(segment -> segment.getCurrentPosition().orElse(0) >= head)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
