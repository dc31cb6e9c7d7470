package io.licenseledger.licenseformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/** A license file checked against the trusted vendor keys: its document, the key that signed it, and its hash. */
public record LicenseFile(LicenseDocument document, String vendorKeyId, String sha256) {

    /**
     * Verifies the signature first, then the payload: a file is refused, with a message saying why, when either is
     * wrong (rule L1).
     */
    public static LicenseFile verify(String compactJws, Collection<Ed25519PublicKey> trustedVendorKeys)
            throws JwsException, LicenseFormatException {
        String trimmed = compactJws == null ? "" : compactJws.trim();
        Jws.Verified verified = Jws.verify(trimmed, trustedVendorKeys);
        LicenseDocument document = LicenseDocument.parse(verified.payload());
        return new LicenseFile(document, verified.key().keyId(), sha256Hex(canonical(trimmed)));
    }

    /** Re-encodes each part, so that the same signed content always hashes the same, however it was base64-padded. */
    private static String canonical(String compactJws) {
        StringBuilder canonical = new StringBuilder();
        for (String part : compactJws.split("\\.", -1)) {
            canonical.append(canonical.isEmpty() ? "" : ".").append(Base64Url.encode(Base64Url.decode(part, "part")));
        }
        return canonical.toString();
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
