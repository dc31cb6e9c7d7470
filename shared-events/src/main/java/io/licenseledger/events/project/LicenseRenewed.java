package io.licenseledger.events.project;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.serialization.Revision;

/**
 * An item that renews {@code renewedItemId} joined the project of the item it renews (rule L4). The renewed item
 * ends at its own end; its unused quota is not carried over.
 */
@Revision("1")
public record LicenseRenewed(ProjectId projectId, LicenseId licenseId, LicenseItem item, ItemId renewedItemId)
        implements ItemJoined {
}
