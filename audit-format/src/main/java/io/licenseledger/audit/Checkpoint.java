package io.licenseledger.audit;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.Ed25519PublicKey;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The ledger's signed statement that its chain, at {@code position}, had hash {@code chainHash} at {@code signedAt}.
 * Signed with Ed25519 by the ledger key {@code keyId} (published in the command side's JWKS beside the lease keys)
 * over: the tag {@code LL-CHECKPOINT-1}, the position as an 8-byte big-endian integer, the 32 bytes of the chain hash,
 * the time as ISO-8601 UTC text of at most millisecond precision preceded by its 4-byte length, and one byte, 1 for
 * the genesis checkpoint (it covers the events stored before the chain existed, chained at the upgrade) and 0 otherwise.
 */
public record Checkpoint(long position, byte[] chainHash, Instant signedAt, boolean genesis, String keyId,
                         byte[] signature) {

    private static final byte[] TAG = "LL-CHECKPOINT-1".getBytes(StandardCharsets.US_ASCII);

    public static Checkpoint sign(long position, byte[] chainHash, Instant signedAt, boolean genesis,
                                  Ed25519PrivateKey ledgerKey) {
        Instant at = Instant.ofEpochMilli(signedAt.toEpochMilli());
        byte[] signature = ledgerKey.sign(signingInput(position, chainHash, at, genesis));
        return new Checkpoint(position, chainHash.clone(), at, genesis, ledgerKey.keyId(), signature);
    }

    public boolean isSignedBy(Ed25519PublicKey key) {
        return key.keyId().equals(keyId) && key.verifies(signingInput(position, chainHash, signedAt, genesis), signature);
    }

    static byte[] signingInput(long position, byte[] chainHash, Instant signedAt, boolean genesis) {
        byte[] time = signedAt.toString().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.writeBytes(TAG);
        out.writeBytes(ByteBuffer.allocate(8).putLong(position).array());
        out.writeBytes(chainHash);
        out.writeBytes(ByteBuffer.allocate(4).putInt(time.length).array());
        out.writeBytes(time);
        out.write(genesis ? 1 : 0);
        return out.toByteArray();
    }
}
