package io.licenseledger.command.alerts;

/** What one attempt came to; {@code result} is what the attempt history shows ("HTTP 503", an error text). */
record Outcome(Kind kind, Integer httpStatus, String result) {

    static final int MAX_RESULT_LENGTH = 500;

    enum Kind {
        DELIVERED,
        /** Worth another attempt after the backoff. */
        RETRY,
        /** No further attempt can succeed. */
        GIVE_UP
    }

    Outcome {
        result = result == null || result.isBlank() ? "no details" : result.strip();
        if (result.length() > MAX_RESULT_LENGTH) {
            result = result.substring(0, MAX_RESULT_LENGTH - 3) + "...";
        }
    }

    static Outcome delivered(Integer httpStatus, String result) {
        return new Outcome(Kind.DELIVERED, httpStatus, result);
    }

    static Outcome retry(Integer httpStatus, String result) {
        return new Outcome(Kind.RETRY, httpStatus, result);
    }

    static Outcome giveUp(String result) {
        return new Outcome(Kind.GIVE_UP, null, result);
    }

    static Outcome error(Throwable failure) {
        String message = failure.getMessage();
        return retry(null, "error: " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }
}
