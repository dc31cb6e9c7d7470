package io.licenseledger.command;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The server's Ed25519 keys, each for one purpose, made at first start and kept in the database, so that every
 * command-side instance signs with them and one JWKS document publishes them.
 */
@Component
public record ServerSigningKeys(JdbcTemplate jdbc, JsonMapper json, Clock clock) {

    public enum Purpose {
        /** Signs the leases (rule A6). */
        LEASE("server_signing_key"),
        /** Signs the ledger's checkpoints (rule AU7). */
        LEDGER_CHECKPOINT("ledger_signing_key");

        private final String table;

        Purpose(String table) {
            this.table = table;
        }
    }

    /** The keys for {@code purpose}, newest first. */
    public List<Ed25519PrivateKey> load(Purpose purpose) {
        return jdbc.query("SELECT private_jwk FROM " + purpose.table + " ORDER BY created_at DESC, key_id",
                (row, i) -> Ed25519PrivateKey.fromJwk(json.readValue(row.getString(1),
                        new TypeReference<Map<String, Object>>() {
                        })));
    }

    public void add(Purpose purpose, Ed25519PrivateKey key) {
        jdbc.update("INSERT INTO " + purpose.table + " (key_id, private_jwk, created_at) VALUES (?, ?, ?)",
                key.keyId(), json.writeValueAsString(key.toJwk()), Timestamp.from(clock.instant()));
    }
}
