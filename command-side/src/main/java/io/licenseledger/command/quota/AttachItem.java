package io.licenseledger.command.quota;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AttachItem(@TargetAggregateIdentifier ProjectId projectId, LicenseId licenseId, LicenseItem item) {
}
