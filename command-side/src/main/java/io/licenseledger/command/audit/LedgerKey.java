package io.licenseledger.command.audit;

import io.licenseledger.audit.ChainHead;
import io.licenseledger.command.ServerSigningKeys;
import io.licenseledger.command.ServerSigningKeys.Purpose;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.service.LedgerChainWriter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger key: the Ed25519 key that signs the ledger's checkpoints (rule AU7), made at first start and kept as the
 * lease key is, in a table of its own. Made while holding the chain's head row, so that two instances starting
 * together make one key between them. Its public JWK is published in the JWKS document with {@value #JWK_PURPOSE}.
 */
@Component
public class LedgerKey {

    static final String PURPOSE = "ledger-checkpoint";
    /** The JWK member (beside {@code kid}) that tells the ledger key from the lease keys. */
    public static final String JWK_PURPOSE = "purpose";

    private final Ed25519PrivateKey signingKey;

    LedgerKey(ServerSigningKeys keys, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        LedgerChainWriter.ensureHead(jdbc);
        this.signingKey = new TransactionTemplate(transactions).execute(status -> {
            jdbc.execute((ConnectionCallback<ChainHead>) LedgerChainWriter::lockHead);
            List<Ed25519PrivateKey> loaded = keys.load(Purpose.LEDGER_CHECKPOINT);
            if (!loaded.isEmpty()) {
                return loaded.get(0);
            }
            Ed25519PrivateKey fresh = Ed25519PrivateKey.generate(new SecureRandom());
            keys.add(Purpose.LEDGER_CHECKPOINT, fresh);
            return fresh;
        });
    }

    Ed25519PrivateKey signingKey() {
        return signingKey;
    }

    /** The public key as published in the JWKS document. */
    public Map<String, Object> publishedJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>(signingKey.publicKey().toJwk());
        jwk.put(JWK_PURPOSE, PURPOSE);
        return jwk;
    }
}
