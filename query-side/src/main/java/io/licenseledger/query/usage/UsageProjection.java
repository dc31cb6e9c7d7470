package io.licenseledger.query.usage;

import io.licenseledger.events.Counts;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.query.ProjectionConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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
@ProcessingGroup(ProjectionConfiguration.PROCESSING_GROUP)
record UsageProjection(UsageTable table) {

    private record HourFeature(Instant hourStart, String feature) implements Comparable<HourFeature> {
        @Override
        public int compareTo(HourFeature other) {
            int byHour = hourStart.compareTo(other.hourStart);
            return byHour != 0 ? byHour : feature.compareTo(other.feature);
        }
    }

    @EventHandler
    void on(UsageRecorded event) {
        Map<HourFeature, Long> units = new TreeMap<>();
        for (UsageAllocation allocation : event.allocations()) {
            HourFeature key = new HourFeature(allocation.at().truncatedTo(ChronoUnit.HOURS),
                    allocation.feature() == null ? UsageTable.NO_FEATURE : allocation.feature().value());
            units.merge(key, allocation.units(), Counts::add);
        }
        table.countBatchOnce(event.projectId(), event.deviceId(), event.batchId(), units.entrySet().stream()
                .map(hour -> new UsageTable.HourUnits(hour.getKey().hourStart(), hour.getKey().feature(),
                        hour.getValue()))
                .toList());
    }
}
