package io.licenseledger.events.project;

import io.licenseledger.events.Copies;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A device's usage batch was recorded, whatever the quota (rules U1-U5). {@code batchFingerprint} identifies the
 * batch's content so that a repeat is recognised (U2). {@code unitsRemaining} is what is left before the hard stop
 * on the items valid at {@code recordedAt}, null when none limits usage. {@code deviceActiveUntil} is the device's
 * refreshed registration (U5), null when the device holds none.
 */
@Revision("1")
public record UsageRecorded(
        ProjectId projectId,
        DeviceId deviceId,
        BatchId batchId,
        String batchFingerprint,
        List<UsageAllocation> allocations,
        long unitsRecorded,
        UsageState state,
        Long unitsRemaining,
        Instant recordedAt,
        Instant deviceActiveUntil) implements ProjectEvent {

    public UsageRecorded {
        allocations = Copies.list(allocations);
    }
}
