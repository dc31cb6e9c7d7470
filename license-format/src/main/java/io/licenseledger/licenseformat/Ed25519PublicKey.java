package io.licenseledger.licenseformat;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw 32-byte Ed25519 public key and its key id (a hash of the key, so any holder derives the same id). */
public final class Ed25519PublicKey {

    private final byte[] raw;
    private final String keyId;
    private final Ed25519PublicKeyParameters parameters;

    public Ed25519PublicKey(byte[] raw) {
        if (raw == null || raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        this.raw = raw.clone();
        this.parameters = new Ed25519PublicKeyParameters(this.raw, 0);
        this.keyId = keyIdOf(this.raw);
    }

    /** Reads the {@code x} member of an OKP/Ed25519 JWK. */
    public static Ed25519PublicKey fromJwk(Map<String, ?> jwk) {
        if (!"OKP".equals(jwk.get("kty")) || !"Ed25519".equals(jwk.get("crv")) || !(jwk.get("x") instanceof String x)) {
            throw new IllegalArgumentException("not an Ed25519 public key (need kty OKP, crv Ed25519 and x)");
        }
        return new Ed25519PublicKey(Base64Url.decode(x, "the key's x"));
    }

    public String keyId() {
        return keyId;
    }

    public byte[] raw() {
        return raw.clone();
    }

    public boolean verifies(byte[] signingInput, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, parameters);
        verifier.update(signingInput, 0, signingInput.length);
        return verifier.verifySignature(signature);
    }

    /** The public JWK (RFC 8037), as published in a JWKS document. */
    public Map<String, Object> toJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        jwk.put("x", Base64Url.encode(raw));
        return jwk;
    }

    static String keyIdOf(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return Base64Url.encode(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + keyId + "]";
    }
}
