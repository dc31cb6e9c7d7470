package io.licenseledger.command.quota;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Attach an imported item that renews ({@code renewalOf}) an item of the project (rule L4). */
public record RenewLicense(@TargetAggregateIdentifier ProjectId projectId, LicenseId licenseId, LicenseItem item) {
}
