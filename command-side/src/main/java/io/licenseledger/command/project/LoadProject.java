package io.licenseledger.command.project;

import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Loads a project into the aggregate cache, and decides nothing: see {@link ProjectPreload}. */
record LoadProject(@TargetAggregateIdentifier ProjectId projectId) {
}
