package io.licenseledger.command.lifecycle;

import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An admin suspends, reinstates or revokes the whole project (rule L7). */
public record ChangeProjectStatus(@TargetAggregateIdentifier ProjectId projectId, LicenseStatus status, String note, Instant at) {
}
