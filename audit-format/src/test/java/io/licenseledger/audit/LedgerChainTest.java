package io.licenseledger.audit;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerChainTest {

    private static final StoredEvent EVENT = new StoredEvent(1, 7, "e-1", "p-1", 0,
            "io.licenseledger.events.project.ProjectCreated", "1", "2026-12-07T10:00:00Z",
            "{\"actor\":\"admin\"}", "{\"projectId\":\"p-1\"}");

    @Test
    void aDigestIsStableAndChangesWithEveryField() {
        byte[] digest = LedgerChain.digest(EVENT);

        assertThat(LedgerChain.hex(LedgerChain.digest(EVENT))).isEqualTo(LedgerChain.hex(digest));
        for (StoredEvent altered : new StoredEvent[]{
                new StoredEvent(2, 7, "e-1", "p-1", 0, EVENT.type(), "1", EVENT.time(), EVENT.metadata(), EVENT.payload()),
                new StoredEvent(1, 8, "e-1", "p-1", 0, EVENT.type(), "1", EVENT.time(), EVENT.metadata(), EVENT.payload()),
                new StoredEvent(1, 7, "e-2", "p-1", 0, EVENT.type(), "1", EVENT.time(), EVENT.metadata(), EVENT.payload()),
                new StoredEvent(1, 7, "e-1", "p-1", 1, EVENT.type(), "1", EVENT.time(), EVENT.metadata(), EVENT.payload()),
                new StoredEvent(1, 7, "e-1", "p-1", 0, EVENT.type(), null, EVENT.time(), EVENT.metadata(), EVENT.payload()),
                new StoredEvent(1, 7, "e-1", "p-1", 0, EVENT.type(), "1", "2026-12-07T10:00:01Z", EVENT.metadata(),
                        EVENT.payload()),
                new StoredEvent(1, 7, "e-1", "p-1", 0, EVENT.type(), "1", EVENT.time(), "{\"actor\":\"other\"}",
                        EVENT.payload()),
                new StoredEvent(1, 7, "e-1", "p-1", 0, EVENT.type(), "1", EVENT.time(), EVENT.metadata(),
                        "{\"projectId\":\"p-2\"}"),
                // a byte moved from one field to its neighbour: the lengths tell them apart
                new StoredEvent(1, 7, "e-1p", "-1", 0, EVENT.type(), "1", EVENT.time(), EVENT.metadata(), EVENT.payload())}) {
            assertThat(LedgerChain.hex(LedgerChain.digest(altered))).as(altered.toString()).isNotEqualTo(LedgerChain.hex(digest));
        }
    }

    @Test
    void theChainDependsOnTheOrderOfItsEvents() {
        byte[] a = LedgerChain.digest(EVENT);
        byte[] b = LedgerChain.digest(new StoredEvent(2, 8, "e-2", "p-1", 1, EVENT.type(), "1", EVENT.time(), null, "{}"));

        byte[] ab = LedgerChain.next(LedgerChain.next(LedgerChain.START, a), b);
        byte[] ba = LedgerChain.next(LedgerChain.next(LedgerChain.START, b), a);

        assertThat(ab).hasSize(32);
        assertThat(LedgerChain.hex(ab)).isNotEqualTo(LedgerChain.hex(ba));
    }

    @Test
    void aCheckpointVerifiesWithItsKeyOnlyAndNotOnceAltered() {
        Ed25519PrivateKey ledgerKey = Ed25519PrivateKey.generate(new SecureRandom());
        Ed25519PrivateKey otherKey = Ed25519PrivateKey.generate(new SecureRandom());
        byte[] hash = LedgerChain.next(LedgerChain.START, LedgerChain.digest(EVENT));

        Checkpoint checkpoint = Checkpoint.sign(1, hash, Instant.parse("2026-12-07T10:00:00.123456Z"), false, ledgerKey);

        assertThat(checkpoint.signedAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00.123Z"));
        assertThat(checkpoint.isSignedBy(ledgerKey.publicKey())).isTrue();
        assertThat(checkpoint.isSignedBy(otherKey.publicKey())).isFalse();
        assertThat(new Checkpoint(2, hash, checkpoint.signedAt(), false, checkpoint.keyId(), checkpoint.signature())
                .isSignedBy(ledgerKey.publicKey())).isFalse();
        assertThat(new Checkpoint(1, hash, checkpoint.signedAt(), true, checkpoint.keyId(), checkpoint.signature())
                .isSignedBy(ledgerKey.publicKey())).isFalse();
        assertThat(new Checkpoint(1, LedgerChain.START, checkpoint.signedAt(), false, checkpoint.keyId(),
                checkpoint.signature()).isSignedBy(ledgerKey.publicKey())).isFalse();
    }
}
