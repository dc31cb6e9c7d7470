package io.licenseledger.command.quota;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Attach an imported item to the project: its quota adds to the project's, under the same license key (rule L3). */
public record AddQuota(@TargetAggregateIdentifier ProjectId projectId, LicenseId licenseId, LicenseItem item) {
}
