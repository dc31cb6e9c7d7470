package io.licenseledger.command.authorization;

import io.licenseledger.command.audit.LedgerKey;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

@RestController
@Tag(name = "SDK")
record JwksController(LeaseSigner signer, LedgerKey ledgerKey) {

    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    @Operation(summary = "The public keys that verify lease tokens offline, then the ledger key that verifies the "
            + "ledger's checkpoints (its member purpose is ledger-checkpoint)")
    ResponseEntity<Map<String, List<Map<String, Object>>>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(Map.of("keys", Stream.concat(signer.publishedKeys().stream().map(Ed25519PublicKey::toJwk),
                        Stream.of(ledgerKey.publishedJwk())).toList()));
    }
}
