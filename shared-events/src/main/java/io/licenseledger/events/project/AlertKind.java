package io.licenseledger.events.project;

/** What an alert is about (rule N1). */
public enum AlertKind {
    /** Use of a type crossed 60, 80 or 100 % of its quota ({@code threshold} is the percentage). */
    QUOTA_THRESHOLD,
    /** Use of a type went past its quota into the overage allowance. */
    OVERAGE_ENTERED,
    /** Use of a type reached quota plus allowance: the hard stop. */
    HARD_STOP,
    /** The project's last valid item ends in 30, 7 or 1 days ({@code threshold} is the number of days). */
    EXPIRY_NEAR
}
