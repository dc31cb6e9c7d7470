package io.licenseledger.command.usage;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.Feature;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.service.ApiTokens;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * A usage batch from a device (rule U1); {@code at} is the server time of the request. Its bounds keep every sum
 * of a batch exact: at most {@value #MAX_ENTRIES} x {@value #MAX_UNITS_PER_ENTRY} = 10^13 units.
 */
public record ReportUsage(@TargetAggregateIdentifier ProjectId projectId, DeviceId deviceId, BatchId batchId,
                          List<Entry> entries, Instant at) {

    public static final int MAX_ENTRIES = 10_000;
    public static final long MAX_UNITS_PER_ENTRY = 1_000_000_000L;

    public record Entry(Instant at, long units, Feature feature) {
    }

    public ReportUsage {
        entries = List.copyOf(entries);
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw new InvalidValueException("entries must hold 1.." + MAX_ENTRIES + " entries");
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.at() == null) {
                throw new InvalidValueException("entries[" + i + "].at is required");
            }
            requireUnitsInBounds(entry.units(), "entries[" + i + "].units");
        }
    }

    public static void requireUnitsInBounds(long units, String field) {
        if (units < 1 || units > MAX_UNITS_PER_ENTRY) {
            throw new InvalidValueException(field + " must be a whole number from 1 to " + MAX_UNITS_PER_ENTRY);
        }
    }

    /** The units of the whole batch: exact, since the bounds above keep it under 10^13. */
    public long units() {
        return entries.stream().mapToLong(Entry::units).sum();
    }

    /** Identifies the batch's content, so a repeat is told apart from a different batch under the same id (U2). */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder(deviceId.value()).append('|').append(batchId.value());
        for (Entry entry : entries) {
            canonical.append('|').append(entry.at()).append(',').append(entry.units()).append(',')
                    .append(entry.feature() == null ? "" : entry.feature().value());
        }
        return ApiTokens.sha256Hex(canonical.toString());
    }
}
