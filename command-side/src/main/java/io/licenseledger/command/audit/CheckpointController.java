package io.licenseledger.command.audit;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.audit.LedgerChain;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.service.LedgerCheckpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ledger's latest signed checkpoint, for an auditor to compare with an export or an earlier copy. */
@RestController
@Tag(name = "Audit")
record CheckpointController(JdbcTemplate jdbc) {

    record CheckpointView(long position, String chainHash, String signedAt, boolean genesis, String keyId,
                          String signature) {
    }

    @GetMapping(path = "/api/v1/audit/checkpoints/latest", produces = "application/json")
    @Operation(summary = "The latest signed checkpoint of the ledger's hash chain (position, chain hash, time), "
            + "verified with the JWKS key whose kid it names")
    CheckpointView latest() {
        Checkpoint checkpoint = LedgerCheckpoints.latest(jdbc).orElseThrow(() ->
                new LedgerException(ErrorCode.NOT_FOUND, "no checkpoint has been signed yet"));
        return new CheckpointView(checkpoint.position(), LedgerChain.hex(checkpoint.chainHash()),
                checkpoint.signedAt().toString(), checkpoint.genesis(), checkpoint.keyId(),
                Base64Url.encode(checkpoint.signature()));
    }
}
