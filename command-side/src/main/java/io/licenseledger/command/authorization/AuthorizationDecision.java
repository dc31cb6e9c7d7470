package io.licenseledger.command.authorization;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.project.DeviceAuthorized;

/**
 * What the ledger decided and recorded. A refusal is an answer, not a failure: it is recorded as an event (rule A8),
 * so the handler returns it rather than throwing, which would roll the record back.
 */
public sealed interface AuthorizationDecision {

    record Granted(DeviceAuthorized authorization) implements AuthorizationDecision {
    }

    record Refused(ErrorCode reason, String detail) implements AuthorizationDecision {
    }
}
