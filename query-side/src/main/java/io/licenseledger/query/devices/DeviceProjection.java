package io.licenseledger.query.devices;

import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.query.ProjectionConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A device's row follows its latest authorization, and usage reports extend its registration (rules A3, U5). An
 * unregistration (rules A3, A4, L7) takes it off the active list at once and is kept for the admin to see why;
 * only a later authorization puts the device back. Replaying an event writes the same values again, so redelivery
 * is harmless.
 */
@Component
@ProcessingGroup(ProjectionConfiguration.PROCESSING_GROUP)
record DeviceProjection(DeviceTable table) {

    @EventHandler
    void on(DeviceAuthorized event) {
        // A grant without a registration (a usage-only device) is live for as long as its lease.
        table.authorized(event.projectId(), event.deviceId(), event.deviceName(), event.licenseType().name(),
                event.itemId() == null ? null : event.itemId().value(), event.authorizedAt(),
                event.registeredUntil() != null ? event.registeredUntil() : event.leaseExpiresAt(), event.overage());
    }

    @EventHandler
    void on(UsageRecorded event) {
        if (event.deviceActiveUntil() != null) {
            table.active(event.projectId(), event.deviceId(), event.recordedAt(), event.deviceActiveUntil());
        }
    }

    @EventHandler
    void on(DeviceUnregistered event) {
        table.unregistered(event.projectId(), event.deviceId(), event.itemId(), event.reason(),
                event.unregisteredAt());
    }
}
