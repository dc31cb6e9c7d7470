package io.licenseledger.command.alerts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Alert delivery settings under {@code ledger.alerts.*} (rule N2). SMTP itself is configured with Spring's
 * {@code spring.mail.*}.
 *
 * @param pollInterval   how often the worker looks for due deliveries
 * @param initialBackoff the wait after a first failed attempt; it doubles after every further one
 * @param maxBackoff     the longest wait between two attempts
 * @param maxAttempts    attempts before a delivery is given up as FAILED
 * @param concurrency    deliveries one instance sends at the same time
 * @param connectTimeout webhook connect timeout (also the SMTP connect timeout, unless spring.mail says otherwise)
 * @param requestTimeout webhook answer timeout (also the SMTP read and write timeouts, unless spring.mail says otherwise)
 * @param mailFrom       the sender address of alert e-mails
 */
@ConfigurationProperties("ledger.alerts")
record AlertProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("PT2S") Duration initialBackoff,
        @DefaultValue("PT1H") Duration maxBackoff,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("4") int concurrency,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("license-ledger@localhost") String mailFrom) {

    AlertProperties {
        requirePositive(pollInterval, "poll-interval");
        requirePositive(initialBackoff, "initial-backoff");
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(requestTimeout, "request-timeout");
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("ledger.alerts.max-backoff must be at least the initial backoff");
        }
        if (maxAttempts < 1 || concurrency < 1) {
            throw new IllegalArgumentException("ledger.alerts.max-attempts and concurrency must be 1 or more");
        }
        if (connectTimeout.plus(requestTimeout).compareTo(AlertDeliveryWorker.CLAIM.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("ledger.alerts timeouts must stay well inside the "
                    + AlertDeliveryWorker.CLAIM + " a worker holds a delivery");
        }
    }

    /** The defaults, for code that runs without Spring. */
    static AlertProperties defaults() {
        return new AlertProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1), 12, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(10), "license-ledger@localhost");
    }

    Backoff backoff() {
        return new Backoff(initialBackoff, maxBackoff);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("ledger.alerts." + name + " must be a positive duration");
        }
    }
}
