package io.licenseledger.query.usage;

import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds each usage entry to the UTC hour of its own time (rule U1: an offline device's entries keep their times).
 * A batch is counted once, so a redelivered UsageRecorded adds nothing.
 */
@Component
@ProcessingGroup(UsageProjection.PROCESSING_GROUP)
class UsageProjection {

    static final String PROCESSING_GROUP = "query-usage";

    private final UsageTable table;

    UsageProjection(UsageTable table) {
        this.table = table;
    }

    private record HourFeature(Instant hourStart, String feature) implements Comparable<HourFeature> {
        @Override
        public int compareTo(HourFeature other) {
            int byHour = hourStart.compareTo(other.hourStart);
            return byHour != 0 ? byHour : feature.compareTo(other.feature);
        }
    }

    @EventHandler
    void on(UsageRecorded event) {
        if (!table.countBatchOnce(event.projectId(), event.deviceId(), event.batchId())) {
            return;
        }
        Map<HourFeature, Long> units = new TreeMap<>();
        for (UsageAllocation allocation : event.allocations()) {
            HourFeature key = new HourFeature(allocation.at().truncatedTo(ChronoUnit.HOURS),
                    allocation.feature() == null ? UsageTable.NO_FEATURE : allocation.feature().value());
            units.merge(key, allocation.units(), Long::sum);
        }
        units.forEach((key, sum) -> table.add(event.projectId(), key.hourStart(), key.feature(), sum));
    }

    @ResetHandler
    void reset() {
        table.clear();
    }
}
