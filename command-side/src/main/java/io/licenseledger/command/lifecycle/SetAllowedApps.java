package io.licenseledger.command.lifecycle;

import io.licenseledger.events.AppId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Restrict the app ids the project serves; empty serves every app (rule A9). */
public record SetAllowedApps(@TargetAggregateIdentifier ProjectId projectId, Set<AppId> allowedAppIds) {
}
