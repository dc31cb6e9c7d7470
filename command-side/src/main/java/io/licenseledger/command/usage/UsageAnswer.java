package io.licenseledger.command.usage;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.project.UsageState;

/** The answer to a usage batch; a repeated batch gets its first answer again, marked as a duplicate (U2). */
public record UsageAnswer(BatchId batchId, boolean duplicate, UsageState state, long unitsRecorded,
                          Long unitsRemaining) {
}
