package io.licenseledger.command.usage;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.Feature;
import io.licenseledger.events.ProjectId;
import io.licenseledger.service.ApiTokens;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** A usage batch from a device (rule U1); {@code at} is the server time of the request. */
public record ReportUsage(@TargetAggregateIdentifier ProjectId projectId, DeviceId deviceId, BatchId batchId,
                          List<Entry> entries, Instant at) {

    public record Entry(Instant at, long units, Feature feature) {
    }

    public ReportUsage {
        entries = List.copyOf(entries);
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
