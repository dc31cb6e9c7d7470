package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The sweeper found an expiry alert due; the project decides which are (rule N1). */
public record CheckExpiryAlerts(@TargetAggregateIdentifier ProjectId projectId, Instant at) {
}
