package io.licenseledger.command.alerts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What a webhook receiver does with {@code X-Ledger-Signature}, written apart from the sending code: parse
 * {@code t} and {@code v1}, recompute the HMAC over {@code "<t>.<raw body>"}, compare in constant time, and refuse a
 * {@code t} too far from its own clock (a replay).
 */
final class SignatureVerifier {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private SignatureVerifier() {
    }

    static boolean verify(String header, byte[] body, String secret, Instant now) {
        if (header == null) {
            return false;
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
                t = Long.parseLong(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (t == null || v1 == null || Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (IllegalArgumentException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
