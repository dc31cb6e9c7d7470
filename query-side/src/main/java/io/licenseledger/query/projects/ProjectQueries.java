package io.licenseledger.query.projects;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
record ProjectQueries(ProjectTable table) {

    @QueryHandler
    ProjectPage handle(FindProjects query) {
        return new ProjectPage(query.paging().page(), query.paging().size(), table.count(),
                table.page(query.paging()));
    }

    @QueryHandler
    Optional<ProjectSummary> handle(FindProject query) {
        return table.find(query.projectId()).map(project -> new ProjectSummary(project.projectId(), project.name(),
                project.createdAt(), project.allowedAppIds(), project.status(), project.statusNote(),
                project.statusChangedAt(), table.alertRecipients(query.projectId()),
                table.refusals(query.projectId())));
    }
}
