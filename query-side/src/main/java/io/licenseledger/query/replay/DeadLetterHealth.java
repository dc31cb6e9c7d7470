package io.licenseledger.query.replay;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code DEGRADED} (HTTP 200, ordered between DOWN and UP in application.yml) while events are parked: every other
 * project's read models still follow the ledger, so the service is not down, but someone has to look.
 */
@Component("deadLettersHealthIndicator")
class DeadLetterHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "events are parked in the dead-letter queue");

    private final DeadLetters deadLetters;

    DeadLetterHealth(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        DeadLetters.Summary summary = deadLetters.summary();
        return Health.status(summary.letters() == 0 ? Status.UP : DEGRADED)
                .withDetail("deadLetters", summary.letters())
                .withDetail("parkedSequences", summary.sequences())
                .build();
    }
}
