package io.licenseledger.query.alerts;

import io.licenseledger.events.Identifiers;
import io.licenseledger.query.Paging;
import io.licenseledger.query.projects.KnownProjects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Alerts", description = "Quota and expiry alerts raised for a project")
record AlertResource(KnownProjects projects) {

    @GetMapping("/api/v1/projects/{projectId}/alerts")
    @Operation(summary = "A project's alerts, newest first, a page at a time (size 1..500)")
    ProjectAlerts alerts(
            @PathVariable String projectId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return projects.ask(new FindAlerts(Identifiers.projectId(projectId), new Paging(page, size)), ProjectAlerts.class);
    }
}
