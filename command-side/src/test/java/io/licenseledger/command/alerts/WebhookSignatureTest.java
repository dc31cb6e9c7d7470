package io.licenseledger.command.alerts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final String SECRET = "whsec-test-secret";
    private static final byte[] BODY = "{\"alertId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SENT = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void headerIsTheTimeAndTheHexHmacOfTimeDotBody() {
        // Expected value computed apart: python3 hmac.new(b'whsec-test-secret', b'1700000000.' + body, sha256)
        assertThat(WebhookSignature.header(SECRET, SENT.getEpochSecond(), BODY)).isEqualTo(
                "t=1700000000,v1=5ad208aa5774c9d9306cbe6b524b9f5fe839848c956fad651d43a1c4c94b7580");
    }

    @Test
    void aReceiverWithTheSecretAcceptsTheSignature() {
        String header = WebhookSignature.header(SECRET, SENT.getEpochSecond(), BODY);

        assertThat(SignatureVerifier.verify(header, BODY, SECRET, SENT.plusSeconds(30))).isTrue();
    }

    @Test
    void aChangedBodyOrAnotherSecretFailsVerification() {
        String header = WebhookSignature.header(SECRET, SENT.getEpochSecond(), BODY);

        assertThat(SignatureVerifier.verify(header, "{\"alertId\":\"a-2\"}".getBytes(StandardCharsets.UTF_8),
                SECRET, SENT)).isFalse();
        assertThat(SignatureVerifier.verify(header, BODY, "another-secret", SENT)).isFalse();
    }

    @Test
    void aChangedTimestampFailsVerificationBecauseItIsSigned() {
        String header = WebhookSignature.header(SECRET, SENT.getEpochSecond(), BODY);
        String shifted = header.replace("t=1700000000", "t=1700000100");

        assertThat(SignatureVerifier.verify(shifted, BODY, SECRET, SENT)).isFalse();
    }

    @Test
    void anOldSignatureIsRefusedAsAReplay() {
        String header = WebhookSignature.header(SECRET, SENT.getEpochSecond(), BODY);

        assertThat(SignatureVerifier.verify(header, BODY, SECRET, SENT.plus(Duration.ofMinutes(6)))).isFalse();
    }
}
