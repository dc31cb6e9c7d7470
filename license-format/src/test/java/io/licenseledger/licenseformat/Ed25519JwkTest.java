package io.licenseledger.licenseformat;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.stream.Stream;

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

    static Stream<Arguments> jwksThatAreRefused() {
        Map<String, Object> mismatchedX = key(1).toJwk();
        mismatchedX.put("x", key(2).publicKey().toJwk().get("x"));
        Map<String, Object> otherCurve = key(1).publicKey().toJwk();
        otherCurve.put("crv", "X25519");
        return Stream.of(
                Arguments.of("a private JWK whose d and x do not match",
                        (ThrowingCallable) () -> Ed25519PrivateKey.fromJwk(mismatchedX), "d and x"),
                Arguments.of("a public JWK given as a private key",
                        (ThrowingCallable) () -> Ed25519PrivateKey.fromJwk(key(1).publicKey().toJwk()), "private key"),
                Arguments.of("a JWK of another curve",
                        (ThrowingCallable) () -> Ed25519PublicKey.fromJwk(otherCurve), "Ed25519"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jwksThatAreRefused")
    void jwkThatIsNotAMatchingEd25519KeyIsRefused(String jwk, ThrowingCallable reading, String message) {
        assertThatThrownBy(reading).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void privateKeyTextShowsTheKeyIdOnly() {
        Ed25519PrivateKey key = key(1);

        assertThat(key.toString()).contains(key.keyId()).doesNotContain((String) key.toJwk().get("d"));
    }
}
