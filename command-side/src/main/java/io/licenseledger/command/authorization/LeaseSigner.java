package io.licenseledger.command.authorization;

import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.licenseformat.Jws;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
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

    LeaseSigner(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.json = json;
        this.publishedKeys = loadOrCreate(jdbc, clock);
        this.signingKey = loadPrivate(jdbc, publishedKeys.get(0).keyId());
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

    private List<Ed25519PublicKey> loadOrCreate(JdbcTemplate jdbc, Clock clock) {
        List<Ed25519PublicKey> keys = loadAll(jdbc);
        if (keys.isEmpty()) {
            Ed25519PrivateKey fresh = Ed25519PrivateKey.generate(new SecureRandom());
            try {
                jdbc.update("INSERT INTO server_signing_key (key_id, private_jwk, created_at) VALUES (?, ?, ?)",
                        fresh.keyId(), json.writeValueAsString(fresh.toJwk()), Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException lostRaceToAnotherInstance) {
                // the other instance's key is read below
            }
            keys = loadAll(jdbc);
        }
        return keys;
    }

    private List<Ed25519PublicKey> loadAll(JdbcTemplate jdbc) {
        return jdbc.query("SELECT private_jwk FROM server_signing_key ORDER BY created_at DESC, key_id",
                (rs, i) -> privateKeyOf(rs.getString("private_jwk")).publicKey());
    }

    private Ed25519PrivateKey loadPrivate(JdbcTemplate jdbc, String keyId) {
        return privateKeyOf(jdbc.queryForObject("SELECT private_jwk FROM server_signing_key WHERE key_id = ?",
                String.class, keyId));
    }

    private Ed25519PrivateKey privateKeyOf(String jwk) {
        return Ed25519PrivateKey.fromJwk(json.readValue(jwk, new TypeReference<Map<String, Object>>() {
        }));
    }
}
