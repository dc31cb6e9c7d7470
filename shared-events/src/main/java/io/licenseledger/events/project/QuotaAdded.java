package io.licenseledger.events.project;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.serialization.Revision;

/**
 * An imported license item now adds its quota to the project (rule L3). Stored before 2026-12 as
 * {@code ItemAttached}, revision 1, with the same fields; the upcaster reads those as this.
 */
@Revision("1")
public record QuotaAdded(ProjectId projectId, LicenseId licenseId, LicenseItem item) implements ItemJoined {
}
