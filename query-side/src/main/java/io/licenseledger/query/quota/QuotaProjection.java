package io.licenseledger.query.quota;

import io.licenseledger.events.Counts;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.ItemDetached;
import io.licenseledger.events.project.ItemJoined;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.query.ProjectionConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps each attached item and its admin lifecycle, the seats every device held on each item and until when, and
 * the units each usage batch counted against each item. Every write is keyed by event data, so a redelivered event
 * changes nothing.
 */
@Component
@ProcessingGroup(ProjectionConfiguration.PROCESSING_GROUP)
record QuotaProjection(QuotaTables tables) {

    /** Quota added, or a renewal (whose item names the item it renews). */
    @EventHandler
    void on(ItemJoined event, @Timestamp Instant attachedAt) {
        tables.attach(event.projectId(), event.licenseId(), event.item(), attachedAt);
    }

    @EventHandler
    void on(ItemDetached event) {
        tables.detach(event.projectId(), event.itemId());
    }

    @EventHandler
    void on(ItemStatusChanged event) {
        tables.lifecycle(event.projectId(), event.itemId(), event.status(), event.note(), event.changedAt());
    }

    /** A device holds one registration per project: one on another item moves it off the items it held before. */
    @EventHandler
    void on(DeviceAuthorized event) {
        if (event.itemId() == null) {
            return;
        }
        tables.leaveOtherItems(event.projectId(), event.deviceId(), event.itemId(), event.authorizedAt());
        if (event.licenseType() == LicenseType.PER_USAGE) {
            return;
        }
        Instant until = event.registeredUntil() != null ? event.registeredUntil() : event.leaseExpiresAt();
        if (until != null) {
            tables.seat(event.projectId(), event.deviceId(), event.itemId(), until);
        }
    }

    @EventHandler
    void on(DeviceUnregistered event) {
        tables.free(event.projectId(), event.deviceId(), event.itemId(), event.unregisteredAt());
    }

    @EventHandler
    void on(UsageRecorded event) {
        if (event.deviceActiveUntil() != null) {
            tables.extendSeat(event.projectId(), event.deviceId(), event.deviceActiveUntil());
        }
        Map<ItemId, Long> unitsPerItem = event.allocations().stream()
                .filter(allocation -> allocation.itemId() != null)
                .collect(Collectors.groupingBy(UsageAllocation::itemId,
                        Collectors.reducing(0L, UsageAllocation::units, Counts::add)));
        unitsPerItem.forEach((itemId, units) -> tables.units(itemId, event.projectId(), event.deviceId(),
                event.batchId().value(), units));
    }
}
