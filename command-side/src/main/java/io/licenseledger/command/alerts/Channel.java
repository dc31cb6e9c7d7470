package io.licenseledger.command.alerts;

/** How an alert reaches a recipient (rule N2). */
enum Channel {
    WEBHOOK,
    EMAIL
}
