package io.licenseledger.service;

import io.licenseledger.events.InvalidValueException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Moves the adjustable clock forward; exists only with {@code ledger.clock.adjustable=true} (admin token). */
@RestController
@Tag(name = "Test clock")
class ClockController {

    record AdvanceRequest(String by) {
    }

    record ClockState(Instant now, Duration offset) {
    }

    private final AdjustableClock clock;

    ClockController(AdjustableClock clock) {
        this.clock = clock;
    }

    @PostMapping("/api/v1/admin/clock/advance")
    @Operation(summary = "Move the servers' time forward by an ISO-8601 duration (test and demo setups only)")
    ClockState advance(@RequestBody AdvanceRequest request) {
        Duration by;
        try {
            by = Duration.parse(request.by() == null ? "" : request.by());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("by must be an ISO-8601 duration such as PT1H or P1D");
        }
        Duration offset = clock.advance(by);
        return new ClockState(clock.instant(), offset);
    }
}
