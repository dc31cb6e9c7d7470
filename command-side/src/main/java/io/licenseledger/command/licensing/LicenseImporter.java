package io.licenseledger.command.licensing;

import io.licenseledger.command.catalog.ItemCatalog;
import io.licenseledger.command.quota.ItemAttachment;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.licenseformat.JwsException;
import io.licenseledger.licenseformat.LicenseFile;
import io.licenseledger.licenseformat.LicenseFormatException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a license file, records it, and attaches its renewals to the projects of the items they renew (rule L4).
 * Importing the same file again records nothing and retries any renewal attachment a crash may have cut short.
 */
@Service
record LicenseImporter(TrustedVendorKeys trustedKeys, ItemCatalog catalog, ItemAttachment attachment,
                       CommandGateway commands) {

    record Renewal(LicenseItem item, ProjectId projectId) {
    }

    record ImportResult(LicenseFile file, License.ImportOutcome outcome, List<Renewal> renewals) {
    }

    /** An item of a file not yet imported, or as the ledger holds it: on a project or not, renewing which item. */
    record ItemPreview(LicenseItem item, boolean imported, String projectId, String renewsProjectId) {
    }

    record Preview(LicenseFile file, List<ItemPreview> items) {
    }

    /** What importing the file would record, checked as an import checks it; records nothing. */
    Preview preview(String compactJws) {
        LicenseFile file = verify(compactJws);
        assertItemIdsAreNew(file);
        List<ItemPreview> items = new ArrayList<>();
        for (LicenseItem item : file.document().items()) {
            var entry = catalog.find(item.itemId());
            String renews = item.renewalOf() == null ? null : catalog.find(item.renewalOf())
                    .map(ItemCatalog.CatalogEntry::projectId).map(ProjectId::value).orElse(null);
            items.add(new ItemPreview(item, entry.isPresent(),
                    entry.map(ItemCatalog.CatalogEntry::projectId).map(ProjectId::value).orElse(null), renews));
        }
        return new Preview(file, items);
    }

    ImportResult importFile(String compactJws, Map<String, ?> metaData) {
        LicenseFile file = verify(compactJws);
        assertItemIdsAreNew(file);
        License.ImportOutcome outcome = commands.sendAndWait(new ImportLicense(file.document().licenseId(),
                file.document().licensee(), file.document().issuedAt(), file.vendorKeyId(), file.sha256(),
                file.document().items()), MetaData.from(metaData));
        List<Renewal> renewals = new ArrayList<>();
        for (LicenseItem item : file.document().items()) {
            if (item.renewalOf() == null) {
                continue;
            }
            catalog.find(item.renewalOf()).map(ItemCatalog.CatalogEntry::projectId).ifPresent(projectId -> {
                attachment.renew(projectId, item.itemId(), metaData);
                renewals.add(new Renewal(item, projectId));
            });
        }
        return new ImportResult(file, outcome, renewals);
    }

    private LicenseFile verify(String compactJws) {
        try {
            return LicenseFile.verify(compactJws, trustedKeys.current());
        } catch (JwsException e) {
            throw new LedgerException(e.signatureInvalid() ? ErrorCode.LICENSE_SIGNATURE_INVALID
                    : ErrorCode.LICENSE_MALFORMED, "license file refused: " + e.getMessage());
        } catch (LicenseFormatException e) {
            throw new LedgerException(ErrorCode.LICENSE_MALFORMED, "license payload refused: " + e.getMessage());
        }
    }

    private void assertItemIdsAreNew(LicenseFile file) {
        for (LicenseItem item : file.document().items()) {
            catalog.find(item.itemId())
                    .filter(entry -> !entry.licenseId().equals(file.document().licenseId()))
                    .ifPresent(entry -> {
                        throw new LedgerException(ErrorCode.ITEM_ID_CONFLICT, "item " + item.itemId()
                                + " already belongs to license " + entry.licenseId());
                    });
        }
    }
}
