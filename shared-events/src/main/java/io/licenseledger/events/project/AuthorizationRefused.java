package io.licenseledger.events.project;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A device of a known project was refused, with the reason the SDK was given (rule A8). */
@Revision("1")
public record AuthorizationRefused(ProjectId projectId, DeviceId deviceId, AppId appId, ErrorCode reason,
                                   Instant refusedAt) implements ProjectEvent {
}
