package io.licenseledger.events;

/**
 * Every refusal the product can give, with the HTTP status it maps to. The SDK codes are part of the stable SDK
 * contract (SPEC section 5); the admin codes are the developers' own.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    CLOCK_SKEW(400),
    LICENSE_KEY_INVALID(401),
    QUOTA_EXCEEDED(403),
    LICENSE_EXPIRED(403),
    LICENSE_NOT_YET_VALID(403),
    LICENSE_SUSPENDED(403),
    LICENSE_REVOKED(403),
    APP_NOT_ALLOWED(403),
    BATCH_CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    RATE_LIMITED(429),

    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    LICENSE_SIGNATURE_INVALID(400),
    LICENSE_MALFORMED(400),
    LICENSE_ID_CONFLICT(409),
    PROJECT_NOT_FOUND(404),
    ITEM_NOT_FOUND(404),
    ITEM_ATTACHED_ELSEWHERE(409),
    ITEM_ID_CONFLICT(409),
    DEVICE_NOT_REGISTERED(404),
    INVALID_TRANSITION(409),
    NOT_FOUND(404);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
