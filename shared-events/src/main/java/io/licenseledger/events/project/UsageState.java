package io.licenseledger.events.project;

/** Where a project's usage stands after a report (rule U3). */
public enum UsageState {
    /** Within quota. */
    OK,
    /** Past quota, inside the overage allowance. */
    OVERAGE,
    /** Past quota and allowance: the SDK must stop and authorizations are refused. */
    EXHAUSTED
}
