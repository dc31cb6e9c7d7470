package io.licenseledger.command.authorization;

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

@RestController
@Tag(name = "SDK")
record JwksController(LeaseSigner signer) {

    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    @Operation(summary = "The public keys that verify lease tokens offline")
    ResponseEntity<Map<String, List<Map<String, Object>>>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(Map.of("keys", signer.publishedKeys().stream().map(Ed25519PublicKey::toJwk).toList()));
    }
}
