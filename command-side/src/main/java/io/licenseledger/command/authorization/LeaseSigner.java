package io.licenseledger.command.authorization;

import io.licenseledger.command.ServerSigningKeys;
import io.licenseledger.command.ServerSigningKeys.Purpose;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.licenseformat.Jws;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs leases (rule A6) with the server's Ed25519 key. The key is made at first start and kept in the database, so
 * every command-side instance signs with it and one JWKS document verifies them all.
 */
@Component
class LeaseSigner {

    static final String LEASE_TYPE = "lease+jwt";

    private final JsonMapper json;
    private final Ed25519PrivateKey signingKey;
    private final List<Ed25519PublicKey> publishedKeys;

    LeaseSigner(ServerSigningKeys keys, JsonMapper json) {
        this.json = json;
        List<Ed25519PrivateKey> signingKeys = loadOrCreate(keys);
        this.signingKey = signingKeys.get(0);
        this.publishedKeys = signingKeys.stream().map(Ed25519PrivateKey::publicKey).toList();
        // The first signature builds the signature code's tables: paid at start-up, not by the first device.
        Jws.sign(json.writeValueAsBytes(Map.of("iss", "license-ledger")), signingKey, LEASE_TYPE);
    }

    String sign(DeviceAuthorized authorization, Instant serverTime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "license-ledger");
        claims.put("sub", authorization.deviceId().value());
        claims.put("project", authorization.projectId().value());
        claims.put("device", authorization.deviceId().value());
        claims.put("type", authorization.licenseType().name());
        claims.put("item", authorization.itemId().value());
        claims.put("iat", authorization.authorizedAt().getEpochSecond());
        claims.put("exp", authorization.leaseExpiresAt().getEpochSecond());
        claims.put("serverTime", serverTime.toString());
        return Jws.sign(json.writeValueAsBytes(claims), signingKey, LEASE_TYPE);
    }

    List<Ed25519PublicKey> publishedKeys() {
        return publishedKeys;
    }

    private static List<Ed25519PrivateKey> loadOrCreate(ServerSigningKeys keys) {
        List<Ed25519PrivateKey> loaded = keys.load(Purpose.LEASE);
        if (loaded.isEmpty()) {
            try {
                keys.add(Purpose.LEASE, Ed25519PrivateKey.generate(new SecureRandom()));
            } catch (DuplicateKeyException lostRaceToAnotherInstance) {
                // the other instance's key is read below
            }
            loaded = keys.load(Purpose.LEASE);
        }
        return loaded;
    }
}
