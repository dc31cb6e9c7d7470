package io.licenseledger.command.usage;

import io.licenseledger.command.credentials.ProjectCredentials;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.InvalidValueException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The SDK's usage reports (rules U1-U5). */
@RestController
@Tag(name = "SDK")
record UsageController(CommandGateway commands, ProjectCredentials credentials, Clock clock) {

    record UsageRequest(String licenseKey, String deviceId, String batchId, List<EntryRequest> entries) {
    }

    /** {@code units} binds any JSON integer, so one beyond {@code long} is refused by its bounds, never wrapped. */
    record EntryRequest(String at, BigInteger units, String feature) {
    }

    @PostMapping(path = "/api/v1/usage", consumes = "application/json")
    @Operation(summary = "Report a batch of usage; idempotent by (project, deviceId, batchId)")
    UsageAnswer report(@RequestBody UsageRequest request, HttpServletRequest http) {
        DeviceId deviceId = Identifiers.deviceId(request.deviceId());
        BatchId batchId = Identifiers.batchId(request.batchId());
        List<ReportUsage.Entry> entries = checkedEntries(request.entries());
        ProjectCredentials.KeyHolder caller = credentials.resolve(request.licenseKey(), http);
        return commands.sendAndWait(new ReportUsage(caller.projectId(), deviceId, batchId, entries, clock.instant()),
                caller.metaData(http));
    }

    private static List<ReportUsage.Entry> checkedEntries(List<EntryRequest> entries) {
        if (entries == null || entries.isEmpty() || entries.size() > ReportUsage.MAX_ENTRIES) {
            throw new InvalidValueException("entries must hold 1.." + ReportUsage.MAX_ENTRIES + " entries");
        }
        List<ReportUsage.Entry> checked = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            EntryRequest entry = entries.get(i);
            String field = "entries[" + i + "]";
            if (entry == null) {
                throw new InvalidValueException(field + " must be an object");
            }
            if (entry.units() == null) {
                throw new InvalidValueException(field + ".units is required");
            }
            if (entry.units().bitLength() >= Long.SIZE) {
                throw new InvalidValueException(field + ".units must be a whole number from 1 to "
                        + ReportUsage.MAX_UNITS_PER_ENTRY);
            }
            ReportUsage.requireUnitsInBounds(entry.units().longValue(), field + ".units");
            checked.add(new ReportUsage.Entry(instant(entry.at(), field + ".at"), entry.units().longValue(),
                    entry.feature() == null ? null : Identifiers.feature(entry.feature())));
        }
        return checked;
    }

    private static Instant instant(String text, String field) {
        if (text == null) {
            throw new InvalidValueException(field + " is required");
        }
        try {
            // ISO_INSTANT: an offset is normalised to UTC, 23:59:60 to 23:59:59; years past +-1e9 and more than nine
            // fractional digits do not parse. How old a time may be depends on the project: the aggregate checks it.
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field + " must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        }
    }
}
