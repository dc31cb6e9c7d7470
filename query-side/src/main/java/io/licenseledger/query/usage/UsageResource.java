package io.licenseledger.query.usage;

import io.licenseledger.events.Identifiers;
import io.licenseledger.query.projects.KnownProjects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

@RestController
@Tag(name = "Usage", description = "Units a project used over time")
record UsageResource(KnownProjects projects, Clock clock) {

    @GetMapping("/api/v1/projects/{projectId}/usage")
    @Operation(summary = "Units used per UTC day or hour, and per feature, by each entry's own time")
    UsageReport usage(
            @PathVariable String projectId,
            @Parameter(description = "first UTC day (YYYY-MM-DD); defaults to 29 days before 'to' by day, 'to' by hour")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last UTC day, included (YYYY-MM-DD); defaults to today")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "day (at most 366 days) or hour (at most 31 days)")
            @RequestParam(defaultValue = "day") String granularity) {
        Granularity width = Granularity.parse(granularity);
        return projects.ask(FindUsage.asked(Identifiers.projectId(projectId), from, to, width,
                LocalDate.now(clock.withZone(ZoneOffset.UTC))), UsageReport.class);
    }
}
