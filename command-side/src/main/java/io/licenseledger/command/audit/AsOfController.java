package io.licenseledger.command.audit;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;

@RestController
@Tag(name = "Audit", description = "A project's state at a past instant, folded from its events (rule AU5)")
record AsOfController(ProjectHistory history) {

    private static final int MAX_PAGE_SIZE = 500;

    @GetMapping("/api/v1/audit/projects/{projectId}/as-of")
    @Operation(summary = "The project as its events left it at an instant: status, items, quota per type and the "
            + "devices registered then (paged by device id, size 1..500)")
    AsOfReport asOf(@PathVariable String projectId,
                    @Parameter(description = "ISO-8601 instant, e.g. 2026-11-30T12:00:00Z")
                    @RequestParam(required = false) String at,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        ProjectId project = Identifiers.projectId(projectId);
        Instant instant = instant(at);
        if (page < 0) {
            throw new InvalidValueException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidValueException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        AsOf asOf = history.asOf(project, instant).orElseThrow(() -> new LedgerException(ErrorCode.PROJECT_NOT_FOUND,
                        "no project " + project + " existed at " + instant));
        return AsOfReport.of(asOf, page, size);
    }

    /** The bounds of a license term: no project had a state outside them worth asking for. */
    private static Instant instant(String text) {
        if (text == null) {
            throw new InvalidValueException("at is required: an ISO-8601 instant such as 2026-11-30T12:00:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("at must be an ISO-8601 instant such as 2026-11-30T12:00:00Z");
        }
        if (instant.isBefore(LicenseItem.EARLIEST_TIME) || instant.isAfter(LicenseItem.LATEST_TIME)) {
            throw new InvalidValueException("at must be from " + LicenseItem.EARLIEST_TIME + " to "
                    + LicenseItem.LATEST_TIME);
        }
        return instant;
    }
}
