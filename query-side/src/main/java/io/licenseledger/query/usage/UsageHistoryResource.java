package io.licenseledger.query.usage;

import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Locale;

@RestController
@Tag(name = "Audit", description = "Usage history recomputed from the ledger, checked against the usage read model")
class UsageHistoryResource {

    private static final MediaType CSV = new MediaType("text", "csv");

    private final UsageHistory history;

    UsageHistoryResource(UsageHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/audit/projects/{projectId}/usage-history")
    @Operation(summary = "Units per UTC day or month, item and feature, recomputed from the project's events, with "
            + "the usage read model checked against them; CSV with Accept: text/csv or format=csv")
    ResponseEntity<?> usageHistory(
            @PathVariable String projectId,
            @Parameter(description = "day or month") @RequestParam(defaultValue = "day") String granularity,
            @Parameter(description = "first UTC day (YYYY-MM-DD); defaults to " + FindUsage.FIRST_DAY_TEXT)
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last UTC day, included; defaults to " + FindUsage.LAST_DAY_TEXT)
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "json or csv; overrides the Accept header")
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ProjectId project = Identifiers.projectId(projectId);
        UsagePeriod period = UsagePeriod.parse(granularity);
        LocalDate first = from == null ? FindUsage.FIRST_DAY : from;
        LocalDate last = to == null ? FindUsage.LAST_DAY : to;
        FindUsage.requireWithinDays(first, "from");
        FindUsage.requireWithinDays(last, "to");
        if (last.isBefore(first)) {
            throw new InvalidValueException("from must not be after to");
        }
        boolean csv = wantsCsv(format, accept);
        UsageHistoryReport report = history.report(project, period, first, last);
        if (csv) {
            return ResponseEntity.ok().contentType(CSV)
                    .header("X-Read-Model-Check", report.check().matches() ? "MATCHES" : "DIFFERS")
                    .body(report.csv());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    private static boolean wantsCsv(String format, String accept) {
        if (format != null) {
            if (!format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
                throw new InvalidValueException("format must be json or csv");
            }
            return format.equalsIgnoreCase("csv");
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }
}
