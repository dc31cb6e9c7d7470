package io.licenseledger.events;

/** A refusal with its {@link ErrorCode}; the detail is safe to show to the caller and to log. */
public class LedgerException extends RuntimeException {

    private final ErrorCode code;

    public LedgerException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
