package io.licenseledger.query.projects;

import io.licenseledger.events.AppId;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.ProjectCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

@Component
@ProcessingGroup(ProjectProjection.PROCESSING_GROUP)
class ProjectProjection {

    static final String PROCESSING_GROUP = "query-projects";

    private final ProjectTable table;

    ProjectProjection(ProjectTable table) {
        this.table = table;
    }

    @EventHandler
    void on(ProjectCreated event, @Timestamp Instant createdAt) {
        table.save(event.projectId(), event.name(), createdAt,
                event.allowedAppIds().stream().map(AppId::value).toList());
    }

    @EventHandler
    void on(AuthorizationRefused event) {
        table.countRefusal(event.projectId(), event.reason(), event.refusedAt());
    }

    @ResetHandler
    void reset() {
        table.clear();
    }
}
