package io.licenseledger.query.audit;

import io.licenseledger.audit.ExportFilter;
import io.licenseledger.audit.LedgerConnections;
import io.licenseledger.audit.LedgerExport;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.service.LedgerDatabase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** The ledger's export (rule AU6), read from the JDBC ledger's chain tables (Axon Server keeps no chain). */
@RestController
@Tag(name = "Audit", description = "The ledger, exported with its hash chain and signed checkpoints")
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class AuditExportResource {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private static final Logger log = LoggerFactory.getLogger(AuditExportResource.class);

    private final LedgerExport export;

    AuditExportResource(LedgerDatabase ledger) {
        this.export = new LedgerExport(LedgerConnections.pooled(ledger.dataSource()));
    }

    @GetMapping(path = "/api/v1/audit/export", produces = {"application/x-ndjson", "application/problem+json"})
    @Operation(summary = "The ledger as NDJSON (format ll-export-1): the events of the filter in full, the others in"
            + " the range as digests, the signed checkpoints; verify it offline with ll-audit verify",
            description = "Runs from the first event the filter shows (or the position after 'after') to the first"
                    + " checkpoint at or after the last event it shows, or to the chain's head. Streams in constant"
                    + " memory; an export cut short has no end line, and resumes with after=<its last position>.")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "only this project's events in full")
            @RequestParam(required = false) String project,
            @Parameter(description = "only events stored at or after this instant (ISO-8601)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "only events stored before this instant (ISO-8601)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @Parameter(description = "resume after this chain position (the last one received)")
            @RequestParam(required = false) Long after,
            @Parameter(description = "gzip the export even without Accept-Encoding: gzip")
            @RequestParam(defaultValue = "false") boolean gzip,
            @RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding)
            throws SQLException {
        ExportFilter filter;
        LedgerExport.Range range;
        try {
            filter = new ExportFilter(project == null ? null : Identifiers.projectId(project).value(), from, to);
            range = export.plan(filter, after);
        } catch (InvalidValueException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(e.getMessage());
        }
        boolean zipped = gzip || acceptsGzip(acceptEncoding);
        StreamingResponseBody body = out -> {
            try {
                if (zipped) {
                    GZIPOutputStream compressed = new GZIPOutputStream(out, 1 << 16);
                    export.write(range, filter, compressed);
                    compressed.finish();
                } else {
                    export.write(range, filter, out);
                }
            } catch (SQLException e) {
                // the client's export has no end line: it knows it was cut short, and resumes after its last position
                log.error("The export after position {} stopped: the ledger could not be read", range.after(), e);
                throw new IOException("the ledger could not be read", e);
            }
        };
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(NDJSON)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header("Ledger-Export-Range", (range.after() + 1) + "-" + range.last());
        if (zipped) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.body(body);
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equals("gzip") && !(parts.length > 1 && parts[1].replace(" ", "").equals("q=0"))) {
                return true;
            }
        }
        return false;
    }
}
