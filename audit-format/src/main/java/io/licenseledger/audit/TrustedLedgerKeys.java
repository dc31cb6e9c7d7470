package io.licenseledger.audit;

import io.licenseledger.licenseformat.Ed25519PublicKey;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ledger public keys an auditor trusts, from a JWK or a JWKS document (the command side's, saved once). */
public final class TrustedLedgerKeys {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrustedLedgerKeys() {
    }

    /**
     * The Ed25519 keys of a JWKS document ({@code {"keys": [...]}}, keys of other types skipped) or of a single JWK.
     *
     * @throws IllegalArgumentException when the text is neither, or holds no Ed25519 key
     */
    public static List<Ed25519PublicKey> parse(String json) {
        Map<String, Object> document;
        try {
            document = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object (expected a JWK or a JWKS document)");
        }
        List<Ed25519PublicKey> keys = new ArrayList<>();
        if (document.get("keys") instanceof List<?> members) {
            for (Object member : members) {
                if (member instanceof Map<?, ?> jwk && "OKP".equals(jwk.get("kty")) && "Ed25519".equals(jwk.get("crv"))) {
                    keys.add(Ed25519PublicKey.fromJwk(stringKeys(jwk)));
                }
            }
        } else {
            keys.add(Ed25519PublicKey.fromJwk(document));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWKS document holds no Ed25519 key");
        }
        return List.copyOf(keys);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> jwk) {
        return (Map<String, ?>) jwk; // the members of a JSON object are named by strings
    }
}
