package io.licenseledger.events.project;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.serialization.Revision;

/** An imported license item now adds its quota to the project (rules L3, L4). */
@Revision("1")
public record ItemAttached(ProjectId projectId, LicenseId licenseId, LicenseItem item) implements ProjectEvent {
}
