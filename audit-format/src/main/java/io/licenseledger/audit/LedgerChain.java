package io.licenseledger.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the ledger (rule AU7). An event's digest is SHA-256 of its canonical bytes; the chain hash at
 * position n is SHA-256 of the domain tag, the chain hash at n - 1 (32 zero bytes before the first event) and the
 * digest at n. Canonical bytes: the tag {@code LL-EVENT-1}, then position, global index and sequence as 8-byte
 * big-endian integers, then event id, aggregate id, type, revision, time, metadata and payload, each as a 4-byte
 * big-endian length and its UTF-8 bytes (length -1 for a null). Lengths make every field boundary unambiguous; an
 * export can carry an event's digest alone (an event outside its filter) and the chain still verifies.
 */
public final class LedgerChain {

    /** The chain hash before the first event. */
    public static final byte[] START = new byte[32];

    private static final byte[] EVENT_TAG = "LL-EVENT-1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHAIN_TAG = "LL-CHAIN-1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private LedgerChain() {
    }

    public static byte[] canonicalBytes(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metadata()));
        out.writeBytes(EVENT_TAG);
        out.writeBytes(ByteBuffer.allocate(24).putLong(event.position()).putLong(event.globalIndex())
                .putLong(event.sequence()).array());
        for (String field : new String[]{event.eventId(), event.aggregateId(), event.type(), event.revision(),
                event.time(), event.metadata(), event.payload()}) {
            if (field == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    public static byte[] digest(StoredEvent event) {
        return sha256().digest(canonicalBytes(event));
    }

    /** The chain hash after an event whose digest is {@code eventDigest}, the chain hash before it being {@code previous}. */
    public static byte[] next(byte[] previous, byte[] eventDigest) {
        if (previous.length != 32 || eventDigest.length != 32) {
            throw new IllegalArgumentException("chain hashes and digests are 32 bytes");
        }
        MessageDigest sha = sha256();
        sha.update(CHAIN_TAG);
        sha.update(previous);
        sha.update(eventDigest);
        return sha.digest();
    }

    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
