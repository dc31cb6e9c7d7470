package io.licenseledger.command.licensing;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseImported;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One imported license file, keyed by its licenseId (rules L1, L2). */
@Aggregate
class License {

    /** Whether the import recorded the license or recognised a file already imported. */
    enum ImportOutcome { IMPORTED, ALREADY_IMPORTED }

    @AggregateIdentifier
    private LicenseId licenseId;
    private String fileSha256;

    License() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ImportOutcome handle(ImportLicense command) {
        if (licenseId == null) {
            apply(new LicenseImported(command.licenseId(), command.licensee(), command.issuedAt(),
                    command.vendorKeyId(), command.fileSha256(), command.items()));
            return ImportOutcome.IMPORTED;
        }
        assertSameFile(command);
        return ImportOutcome.ALREADY_IMPORTED;
    }

    private void assertSameFile(ImportLicense command) {
        if (!fileSha256.equals(command.fileSha256())) {
            throw new LedgerException(ErrorCode.LICENSE_ID_CONFLICT, "license " + licenseId
                    + " was already imported from a different file; a new file needs a new licenseId");
        }
    }

    @EventSourcingHandler
    void on(LicenseImported event) {
        licenseId = event.licenseId();
        fileSha256 = event.fileSha256();
    }
}
