package io.licenseledger.command.alerts;

enum DeliveryStatus {
    /** Not sent yet, or to be tried again at {@code nextAttemptAt}. */
    PENDING,
    DELIVERED,
    /** Given up: out of attempts, or a channel that cannot work (e-mail without an SMTP server). */
    FAILED
}
