package io.licenseledger.licenseformat;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compact JWS (RFC 7515) with {@code alg} EdDSA over Ed25519 (RFC 8037), nothing else accepted. */
public final class Jws {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private Jws() {
    }

    /** The verified content of a token: its header and its payload bytes. */
    public record Verified(Map<String, Object> header, byte[] payload, Ed25519PublicKey key) {
    }

    public static String sign(byte[] payload, Ed25519PrivateKey key, String type) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "EdDSA");
        header.put("kid", key.keyId());
        if (type != null) {
            header.put("typ", type);
        }
        String signingInput = Base64Url.encode(JSON.writeValueAsBytes(header)) + "." + Base64Url.encode(payload);
        byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }

    public static Verified verify(String compact, Collection<Ed25519PublicKey> trustedKeys) throws JwsException {
        if (compact == null || compact.isBlank()) {
            throw new JwsException("the token is empty", false);
        }
        String[] parts = compact.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new JwsException("not a compact JWS: expected three base64url parts separated by dots", false);
        }
        Map<String, Object> header = parseHeader(parts[0]);
        if (!"EdDSA".equals(header.get("alg"))) {
            throw new JwsException("unsupported alg " + header.get("alg") + ": only EdDSA (Ed25519) is accepted",
                    false);
        }
        byte[] payload = decode(parts[1], "payload");
        byte[] signature = decode(parts[2], "signature");
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        Object kid = header.get("kid");
        for (Ed25519PublicKey key : trustedKeys) {
            if ((kid == null || kid.equals(key.keyId())) && key.verifies(signingInput, signature)) {
                return new Verified(header, payload, key);
            }
        }
        throw new JwsException("the signature does not verify with any trusted key"
                + (kid == null ? "" : " (the token names key " + kid + ")"), true);
    }

    private static Map<String, Object> parseHeader(String part) throws JwsException {
        try {
            JsonNode node = JSON.readTree(decode(part, "header"));
            if (!node.isObject()) {
                throw new JwsException("the JWS header is not a JSON object", false);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> header = JSON.treeToValue(node, Map.class);
            return header;
        } catch (JacksonException e) {
            throw new JwsException("the JWS header is not valid JSON", false);
        }
    }

    private static byte[] decode(String part, String what) throws JwsException {
        try {
            return Base64Url.decode(part, "the JWS " + what);
        } catch (IllegalArgumentException e) {
            throw new JwsException(e.getMessage(), false);
        }
    }
}
