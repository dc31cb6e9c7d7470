package io.licenseledger.command.credentials;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.service.ApiTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LicenseKeysTest {

    private static final ProjectId PROJECT = new ProjectId("prj_0123456789abcdef");
    private static final String MAIN = "https://licenses.example.com";
    private static final String STANDBY = "https://standby.licenses.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void issuedKeyReadsBackAsItsProjectAndCredentialHash() {
        LicenseKeys.IssuedKey issued = LicenseKeys.issue(PROJECT, MAIN, STANDBY);

        LicenseKeys.PresentedKey presented = LicenseKeys.read(issued.licenseKey());

        assertThat(presented).isEqualTo(new LicenseKeys.PresentedKey(PROJECT, issued.credentialHash()));
    }

    @Test
    void issuedKeyNamesTheServersTheProjectAndARandomCredentialOfAtLeast128Bits() {
        LicenseKeys.IssuedKey issued = LicenseKeys.issue(PROJECT, MAIN, STANDBY);

        JsonNode body = body(issued.licenseKey());

        assertThat(issued.licenseKey()).startsWith("LL1.");
        assertThat(body.get("main").asString()).isEqualTo(MAIN);
        assertThat(body.get("standby").asString()).isEqualTo(STANDBY);
        assertThat(body.get("project").asString()).isEqualTo(PROJECT.value());
        String credential = body.get("credential").asString();
        assertThat(Base64Url.decode(credential, "credential")).hasSizeGreaterThanOrEqualTo(16);
        assertThat(issued.credentialHash()).isEqualTo(ApiTokens.sha256Hex(credential)).matches("[0-9a-f]{64}");
    }

    @Test
    void keyWithoutStandbyLeavesTheStandbyOut() {
        LicenseKeys.IssuedKey issued = LicenseKeys.issue(PROJECT, MAIN, "");

        assertThat(body(issued.licenseKey()).has("standby")).isFalse();
    }

    @Test
    void eachIssuedKeyHasItsOwnCredential() {
        LicenseKeys.IssuedKey first = LicenseKeys.issue(PROJECT, MAIN, null);
        LicenseKeys.IssuedKey second = LicenseKeys.issue(PROJECT, MAIN, null);

        assertThat(second.licenseKey()).isNotEqualTo(first.licenseKey());
        assertThat(second.credentialHash()).isNotEqualTo(first.credentialHash());
    }

    @Test
    void issuedKeyTextNeverContainsTheCredentialHash() {
        LicenseKeys.IssuedKey issued = LicenseKeys.issue(PROJECT, MAIN, STANDBY);

        assertThat(issued.licenseKey()).doesNotContain(issued.credentialHash());
        assertThat(decoded(issued.licenseKey())).doesNotContain(issued.credentialHash());
    }

    @ParameterizedTest
    @MethodSource("malformedKeys")
    void malformedKeyIsRefusedAsInvalid(String licenseKey) {
        assertInvalid(licenseKey);
    }

    static Stream<String> malformedKeys() {
        String valid = LicenseKeys.issue(PROJECT, MAIN, STANDBY).licenseKey();
        String payload = valid.substring(4);
        return Stream.of(
                "",
                "LL1.",
                "LL1.!!!not-base64!!!",
                "LL1." + encode("not json"),
                "LL1." + encode("[1, 2, 3]"),
                "LL2." + payload,
                "ll1." + payload,
                payload,
                "LL1." + payload + "=====",
                "LL1." + "A".repeat(2100));
    }

    @ParameterizedTest
    @MethodSource("truncations")
    void truncatedKeyIsRefusedAsInvalid(int keep) {
        String valid = LicenseKeys.issue(PROJECT, MAIN, STANDBY).licenseKey();

        assertInvalid(valid.substring(0, valid.length() - keep));
    }

    static IntStream truncations() {
        return IntStream.rangeClosed(1, 12);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"v\":1,\"main\":\"https://x\",\"credential\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
            "{\"v\":1,\"project\":\"prj_1\"}",
            "{\"v\":1,\"project\":\"prj_1\",\"credential\":\"too-short\"}",
            "{\"v\":1,\"project\":\"prj_1\",\"credential\":12345678901234567890123456789}",
            "{\"v\":1,\"project\":42,\"credential\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
            "{\"v\":1,\"project\":\"prj 1/../x\",\"credential\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
            "{\"v\":1,\"project\":\"\",\"credential\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"})
    void keyWhoseBodyWasTamperedOutOfShapeIsRefusedAsInvalid(String body) {
        assertInvalid("LL1." + encode(body));
    }

    @Test
    void keyWithAnotherCredentialReadsAsAnotherHash() {
        LicenseKeys.IssuedKey issued = LicenseKeys.issue(PROJECT, MAIN, STANDBY);
        String tampered = "LL1." + encode(decoded(issued.licenseKey())
                .replace(body(issued.licenseKey()).get("credential").asString(), "B".repeat(43)));

        assertThat(LicenseKeys.read(tampered).credentialHash()).isNotEqualTo(issued.credentialHash());
    }

    @Test
    void nullKeyIsRefusedAsInvalid() {
        assertInvalid(null);
    }

    private static void assertInvalid(String licenseKey) {
        LedgerException refusal = catchThrowableOfType(LedgerException.class, () -> LicenseKeys.read(licenseKey));

        assertThat(refusal).as("refusal of %s", licenseKey).isNotNull();
        assertThat(refusal.code()).isEqualTo(ErrorCode.LICENSE_KEY_INVALID);
        assertThat(refusal.getMessage()).isEqualTo("the license key is not valid");
    }

    private static String encode(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(String licenseKey) {
        return new String(Base64Url.decode(licenseKey.substring(4), "key"), StandardCharsets.UTF_8);
    }

    private static JsonNode body(String licenseKey) {
        return JSON.readTree(decoded(licenseKey));
    }
}
