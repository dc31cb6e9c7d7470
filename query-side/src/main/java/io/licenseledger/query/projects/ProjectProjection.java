package io.licenseledger.query.projects;

import io.licenseledger.events.AppId;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.query.ProjectionConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Each write sets values from the event (or replaces a whole list), so a redelivered event changes nothing. */
@Component
@ProcessingGroup(ProjectionConfiguration.PROCESSING_GROUP)
record ProjectProjection(ProjectTable table) {

    @EventHandler
    void on(ProjectCreated event, @Timestamp Instant createdAt) {
        table.save(event.projectId(), event.name(), createdAt,
                event.allowedAppIds().stream().map(AppId::value).toList());
    }

    @EventHandler
    void on(ProjectStatusChanged event) {
        table.status(event.projectId(), event.status().name(), event.note(), event.changedAt());
    }

    @EventHandler
    void on(AllowedAppsChanged event) {
        table.allowedApps(event.projectId(), event.allowedAppIds().stream().map(AppId::value).toList());
    }

    @EventHandler
    void on(AlertRecipientsChanged event) {
        table.alertRecipients(event.projectId(), event.webhookUrls(), event.emailAddresses());
    }

    @EventHandler
    void on(AuthorizationRefused event) {
        table.countRefusal(event.projectId(), event.reason(), event.refusedAt());
    }
}
