package io.licenseledger.command.lifecycle;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A device gives its concurrent seat back (rule A4); a no-op for other types. */
public record ReleaseSeat(@TargetAggregateIdentifier ProjectId projectId, DeviceId deviceId, Instant at) {
}
