package io.licenseledger.command.lifecycle;

import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An admin suspends, reinstates or revokes one attached item (rule L7). */
public record ChangeItemStatus(@TargetAggregateIdentifier ProjectId projectId, ItemId itemId, LicenseStatus status, String note, Instant at) {
}
