package io.licenseledger.events.project;

import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseItem;

/** An imported item now counts in the project's quota: added ({@link QuotaAdded}) or as a renewal ({@link LicenseRenewed}). */
public sealed interface ItemJoined extends ProjectEvent permits QuotaAdded, LicenseRenewed {

    LicenseId licenseId();

    LicenseItem item();
}
