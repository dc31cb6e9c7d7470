package io.licenseledger.licenseformat;

/** A compact JWS that is malformed or whose signature does not verify with any trusted key. */
public class JwsException extends Exception {

    private final boolean signatureInvalid;

    JwsException(String message, boolean signatureInvalid) {
        super(message);
        this.signatureInvalid = signatureInvalid;
    }

    /** True when the token was well formed but no trusted key verifies it. */
    public boolean signatureInvalid() {
        return signatureInvalid;
    }
}
