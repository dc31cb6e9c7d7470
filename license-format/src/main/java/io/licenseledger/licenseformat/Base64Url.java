package io.licenseledger.licenseformat;

import java.util.Base64;

/** Unpadded base64url, as JOSE (RFC 7515) uses it. */
public final class Base64Url {

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes, or throws {@link IllegalArgumentException} saying what is wrong. */
    public static byte[] decode(String text, String what) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64url");
        }
    }
}
