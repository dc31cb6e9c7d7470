package io.licenseledger.query.quota;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.ItemAttached;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps each attached item, which item every device's seat is on and until when, and the units each usage batch
 * counted against each item. Every write is keyed by event data, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(QuotaProjection.PROCESSING_GROUP)
class QuotaProjection {

    static final String PROCESSING_GROUP = "query-quota";

    private final QuotaTables tables;

    QuotaProjection(QuotaTables tables) {
        this.tables = tables;
    }

    @EventHandler
    void on(ItemAttached event, @Timestamp Instant attachedAt) {
        tables.attach(event.projectId(), event.licenseId(), event.item(), attachedAt);
    }

    @EventHandler
    void on(DeviceAuthorized event) {
        if (event.licenseType() == LicenseType.PER_USAGE || event.itemId() == null) {
            return;
        }
        Instant until = event.registeredUntil() != null ? event.registeredUntil() : event.leaseExpiresAt();
        if (until != null) {
            tables.seat(event.projectId(), event.deviceId(), event.itemId(), until);
        }
    }

    @EventHandler
    void on(UsageRecorded event) {
        if (event.deviceActiveUntil() != null) {
            tables.extendSeat(event.projectId(), event.deviceId(), event.deviceActiveUntil());
        }
        Map<ItemId, Long> unitsPerItem = event.allocations().stream()
                .filter(allocation -> allocation.itemId() != null)
                .collect(Collectors.groupingBy(UsageAllocation::itemId,
                        Collectors.summingLong(UsageAllocation::units)));
        unitsPerItem.forEach((itemId, units) -> tables.units(itemId, event.projectId(), event.deviceId(),
                event.batchId().value(), units));
    }

    @ResetHandler
    void reset() {
        tables.clear();
    }
}
