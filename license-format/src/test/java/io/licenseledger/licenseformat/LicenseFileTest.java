package io.licenseledger.licenseformat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.licenseledger.licenseformat.LicenseFixtures.PER_DEVICE_ITEM;
import static io.licenseledger.licenseformat.LicenseFixtures.item;
import static io.licenseledger.licenseformat.LicenseFixtures.json;
import static io.licenseledger.licenseformat.LicenseFixtures.key;
import static io.licenseledger.licenseformat.LicenseFixtures.validDocument;
import static io.licenseledger.licenseformat.LicenseFixtures.validPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LicenseFileTest {

    private static final Ed25519PrivateKey VENDOR_KEY = key(1);
    private static final Ed25519PrivateKey OTHER_KEY = key(2);
    private static final List<Ed25519PublicKey> TRUSTED = List.of(VENDOR_KEY.publicKey());

    @Test
    void signedDocumentRoundTripsThroughVerify() throws Exception {
        LicenseDocument document = validDocument();
        String license = document.sign(VENDOR_KEY);

        LicenseFile file = LicenseFile.verify(license, TRUSTED);

        assertThat(file.document()).isEqualTo(document);
        assertThat(file.vendorKeyId()).isEqualTo(VENDOR_KEY.keyId());
        assertThat(file.sha256()).isEqualTo(LicenseFile.sha256Hex(license)).hasSize(64);
    }

    @Test
    void licenseIsVerifiedByWhicheverTrustedKeySignedIt() throws Exception {
        String license = validDocument().sign(VENDOR_KEY);

        LicenseFile file = LicenseFile.verify(license, List.of(OTHER_KEY.publicKey(), VENDOR_KEY.publicKey()));

        assertThat(file.vendorKeyId()).isEqualTo(VENDOR_KEY.keyId());
    }

    @Test
    void lineBreakAroundTheLicenseTextDoesNotMatter() throws Exception {
        String license = validDocument().sign(VENDOR_KEY);

        LicenseFile file = LicenseFile.verify("\n" + license + "\r\n", TRUSTED);

        assertThat(file.sha256()).isEqualTo(LicenseFile.sha256Hex(license));
    }

    @Test
    void licenseHeaderNamesTheSigningKeyAndTheLicenseType() throws Exception {
        String license = validDocument().sign(VENDOR_KEY);

        Jws.Verified verified = Jws.verify(license, TRUSTED);

        assertThat(verified.header()).containsEntry("alg", "EdDSA")
                .containsEntry("kid", VENDOR_KEY.keyId())
                .containsEntry("typ", LicenseDocument.JWS_TYPE);
    }

    @Test
    void tamperedPayloadIsRefusedAsABadSignature() throws Exception {
        String[] parts = validDocument().sign(VENDOR_KEY).split("\\.");
        ObjectNode moreSeats = validPayload();
        item(moreSeats, PER_DEVICE_ITEM).put("seats", 1000);
        String tampered = parts[0] + "." + Base64Url.encode(json(moreSeats)) + "." + parts[2];

        assertSignatureRefused(tampered);
    }

    @Test
    void tamperedSignatureIsRefused() throws Exception {
        String[] parts = validDocument().sign(VENDOR_KEY).split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        String tampered = parts[0] + "." + parts[1] + "." + new String(signature);

        assertSignatureRefused(tampered);
    }

    @Test
    void licenseSignedByAnUntrustedKeyIsRefused() throws Exception {
        String license = validDocument().sign(OTHER_KEY);

        JwsException refusal = assertSignatureRefused(license);

        assertThat(refusal).hasMessageContaining(OTHER_KEY.keyId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "RS256", "ES256", "none", "Ed25519"})
    void algOtherThanEdDsaIsRefusedAsMalformed(String alg) throws Exception {
        String[] parts = validDocument().sign(VENDOR_KEY).split("\\.");
        String header = "{\"alg\":\"" + alg + "\",\"kid\":\"" + VENDOR_KEY.keyId() + "\"}";
        String otherAlg = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];

        JwsException refusal = assertMalformedRefused(otherAlg);

        assertThat(refusal).hasMessageContaining("unsupported alg " + alg);
    }

    @Test
    void headerWithoutAlgIsRefusedAsMalformed() throws Exception {
        String[] parts = validDocument().sign(VENDOR_KEY).split("\\.");
        String noAlg = Base64Url.encode("{\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "."
                + parts[2];

        assertMalformedRefused(noAlg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not a license", "a.b.c", "!!!.@@@.###", "bm90IGpzb24.e30.AAAA"})
    void garbageTextIsRefusedAsMalformed(String garbage) {
        assertMalformedRefused(garbage);
    }

    @Test
    void licenseWithTwoPartsOnlyIsRefusedAsMalformed() throws Exception {
        String[] parts = validDocument().sign(VENDOR_KEY).split("\\.");

        JwsException refusal = assertMalformedRefused(parts[0] + "." + parts[1]);

        assertThat(refusal).hasMessageContaining("three");
    }

    @Test
    void licenseWithFourPartsIsRefusedAsMalformed() throws Exception {
        assertMalformedRefused(validDocument().sign(VENDOR_KEY) + ".AAAA");
    }

    @Test
    void wellSignedFileWithAMalformedPayloadIsRefusedNamingTheField() {
        String signedGarbage = Jws.sign("{\"licensee\":\"Acme\"}".getBytes(StandardCharsets.UTF_8), VENDOR_KEY,
                LicenseDocument.JWS_TYPE);

        LicenseFormatException refusal = catchThrowableOfType(LicenseFormatException.class,
                () -> LicenseFile.verify(signedGarbage, TRUSTED));

        assertThat(refusal).hasMessageContaining("licenseId");
    }

    private static JwsException assertSignatureRefused(String license) {
        JwsException refusal = catchThrowableOfType(JwsException.class, () -> LicenseFile.verify(license, TRUSTED));
        assertThat(refusal).isNotNull();
        assertThat(refusal.signatureInvalid()).as("signatureInvalid").isTrue();
        return refusal;
    }

    private static JwsException assertMalformedRefused(String license) {
        JwsException refusal = catchThrowableOfType(JwsException.class, () -> LicenseFile.verify(license, TRUSTED));
        assertThat(refusal).isNotNull();
        assertThat(refusal.signatureInvalid()).as("signatureInvalid").isFalse();
        return refusal;
    }
}
