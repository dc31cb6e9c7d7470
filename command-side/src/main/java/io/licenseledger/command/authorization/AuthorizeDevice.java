package io.licenseledger.command.authorization;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A device of a project whose license key checked out asks to run; {@code at} is the server time of the request. */
public record AuthorizeDevice(@TargetAggregateIdentifier ProjectId projectId, DeviceId deviceId, String deviceName,
                              AppId appId, Instant at) {
}
