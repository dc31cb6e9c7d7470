package io.licenseledger.query.projects;

import io.licenseledger.events.Identifiers;
import io.licenseledger.query.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects", description = "The projects in the ledger")
record ProjectResource(QueryGateway queries, KnownProjects knownProjects) {

    @GetMapping
    @Operation(summary = "List projects by name, a page at a time (size 1..500)")
    ProjectPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.query(new FindProjects(new Paging(page, size)), ResponseTypes.instanceOf(ProjectPage.class))
                .join();
    }

    @GetMapping("/{projectId}")
    @Operation(summary = "One project: its status, alert recipients, and refused authorizations counted per reason")
    ProjectSummary one(@PathVariable String projectId) {
        return knownProjects.require(Identifiers.projectId(projectId));
    }
}
