package io.licenseledger.command.lifecycle;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The sweeper found the device's registration or seat lease due (rules A3, A4); the project decides whether it lapsed. */
public record ExpireRegistration(@TargetAggregateIdentifier ProjectId projectId, DeviceId deviceId, Instant at) {
}
