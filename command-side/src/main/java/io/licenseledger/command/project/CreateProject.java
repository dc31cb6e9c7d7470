package io.licenseledger.command.project;

import io.licenseledger.events.AppId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

public record CreateProject(@TargetAggregateIdentifier ProjectId projectId, String name, String credentialHash,
                            Set<AppId> allowedAppIds) {
}
