package io.licenseledger.command.lifecycle;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An admin frees a device's seat or registration by hand. */
public record UnregisterDevice(@TargetAggregateIdentifier ProjectId projectId, DeviceId deviceId, Instant at) {
}
