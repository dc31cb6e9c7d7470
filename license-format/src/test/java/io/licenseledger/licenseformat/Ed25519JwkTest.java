package io.licenseledger.licenseformat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

import static io.licenseledger.licenseformat.LicenseFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ed25519JwkTest {

    private static final byte[] MESSAGE = "signing input".getBytes(StandardCharsets.US_ASCII);

    @Test
    void privateJwkExportedAndImportedSignsAsTheOriginal() {
        Ed25519PrivateKey original = Ed25519PrivateKey.generate(new SecureRandom());

        Ed25519PrivateKey imported = Ed25519PrivateKey.fromJwk(original.toJwk());

        assertThat(imported.publicKey()).isEqualTo(original.publicKey());
        assertThat(imported.keyId()).isEqualTo(original.keyId());
        assertThat(imported.toJwk()).isEqualTo(original.toJwk());
        assertThat(original.publicKey().verifies(MESSAGE, imported.sign(MESSAGE))).isTrue();
    }

    @Test
    void publicJwkExportedAndImportedIsTheSameKey() {
        Ed25519PublicKey original = key(1).publicKey();

        Ed25519PublicKey imported = Ed25519PublicKey.fromJwk(original.toJwk());

        assertThat(imported).isEqualTo(original);
        assertThat(imported.keyId()).isEqualTo(original.keyId());
        assertThat(original.toJwk()).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519")
                .containsEntry("alg", "EdDSA").doesNotContainKey("d");
    }

    @Test
    void privateJwkWhoseDAndXDoNotMatchIsRefused() {
        Map<String, Object> jwk = key(1).toJwk();
        jwk.put("x", key(2).publicKey().toJwk().get("x"));

        assertThatThrownBy(() -> Ed25519PrivateKey.fromJwk(jwk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("d and x");
    }

    @Test
    void publicJwkIsNotAcceptedAsAPrivateKey() {
        Map<String, Object> publicJwk = key(1).publicKey().toJwk();

        assertThatThrownBy(() -> Ed25519PrivateKey.fromJwk(publicJwk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key");
    }

    @Test
    void jwkOfAnotherCurveIsRefused() {
        Map<String, Object> jwk = key(1).publicKey().toJwk();
        jwk.put("crv", "X25519");

        assertThatThrownBy(() -> Ed25519PublicKey.fromJwk(jwk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ed25519");
    }

    @Test
    void privateKeyTextShowsTheKeyIdOnly() {
        Ed25519PrivateKey key = key(1);

        assertThat(key.toString()).contains(key.keyId()).doesNotContain((String) key.toJwk().get("d"));
    }
}
