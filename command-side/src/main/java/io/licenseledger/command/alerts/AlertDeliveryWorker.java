package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Sends due deliveries and records every attempt (rule N2). Each attempt is claimed in the database first, so
 * instances sharing it never send the same attempt twice; a failed attempt is tried again after the backoff until
 * the attempts run out.
 */
class AlertDeliveryWorker implements AutoCloseable {

    /** How long a worker holds a delivery for one attempt: well beyond the send timeouts. */
    static final Duration CLAIM = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(AlertDeliveryWorker.class);

    private final DeliveryTable deliveries;
    private final WebhookSecrets secrets;
    private final WebhookSender webhooks;
    private final EmailSender email;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Executor senders;
    private final Semaphore freeSenders;

    /** {@code senders} runs the attempts, at most {@code properties.concurrency()} at a time. */
    AlertDeliveryWorker(DeliveryTable deliveries, WebhookSecrets secrets, WebhookSender webhooks, EmailSender email,
                        AlertProperties properties, Clock clock, TransactionTemplate transactions,
                        Executor senders) {
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.webhooks = webhooks;
        this.email = email;
        this.backoff = properties.backoff();
        this.maxAttempts = properties.maxAttempts();
        this.clock = clock;
        this.transactions = transactions;
        this.senders = senders;
        this.freeSenders = new Semaphore(properties.concurrency());
    }

    @Scheduled(fixedDelayString = "${ledger.alerts.poll-interval:PT1S}")
    void poll() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // The next poll tries again; a claim taken before the failure lapses on its own.
            log.warn("Looking for due alert deliveries failed: {}", e.toString());
        }
    }

    /**
     * Claims as many due deliveries as there are free senders and hands each to one. Claims only what can be sent
     * at once, so no claim runs out while its delivery waits in a queue. Returns how many it claimed.
     */
    int deliverDue() {
        int free = freeSenders.availablePermits();
        if (free == 0) {
            return 0;
        }
        Instant now = clock.instant();
        int claimed = 0;
        for (String deliveryId : deliveries.due(now, free)) {
            if (!freeSenders.tryAcquire()) {
                break;
            }
            Optional<DueDelivery> delivery = deliveries.claim(deliveryId, now, now.plus(CLAIM));
            if (delivery.isEmpty()) {
                freeSenders.release();
                continue;
            }
            claimed++;
            try {
                senders.execute(() -> {
                    try {
                        attempt(delivery.get());
                    } catch (RuntimeException e) {
                        // Not recorded: the claim lapses and the attempt is made again, so a receiver may see it twice.
                        log.warn("Recording alert delivery {} failed: {}", deliveryId, e.toString());
                    } finally {
                        freeSenders.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                // Shutting down: the claim lapses and another instance, or the next start, takes the delivery.
                freeSenders.release();
                return claimed;
            }
        }
        return claimed;
    }

    private void attempt(DueDelivery delivery) {
        int attempt = delivery.attempts() + 1;
        Instant at = clock.instant();
        Outcome outcome;
        try {
            outcome = switch (delivery.channel()) {
                case WEBHOOK -> secrets.find(new ProjectId(delivery.projectId()))
                        .map(secret -> webhooks.send(delivery, attempt, secret, at))
                        .orElseGet(() -> Outcome.retry(null, "the project has no webhook signing secret yet"));
                case EMAIL -> email.send(delivery);
            };
        } catch (RuntimeException e) {
            outcome = Outcome.error(e);
        }
        record(delivery, attempt, at, outcome);
    }

    private void record(DueDelivery delivery, int attempt, Instant at, Outcome outcome) {
        DeliveryStatus status = switch (outcome.kind()) {
            case DELIVERED -> DeliveryStatus.DELIVERED;
            case GIVE_UP -> DeliveryStatus.FAILED;
            case RETRY -> attempt >= maxAttempts ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        };
        Instant nextAttemptAt = status == DeliveryStatus.PENDING ? clock.instant().plus(backoff.delayAfter(attempt))
                : null;
        Boolean recorded = transactions.execute(tx ->
                deliveries.record(delivery, attempt, at, outcome, status, nextAttemptAt));
        // Ids and results only: a webhook URL may carry the receiver's token.
        if (!Boolean.TRUE.equals(recorded)) {
            log.warn("Alert delivery {} attempt {} was recorded by another worker; this result is dropped: {}",
                    delivery.deliveryId(), attempt, outcome.result());
        } else if (status == DeliveryStatus.DELIVERED) {
            log.info("Alert {} of project {} delivered by {} on attempt {} (delivery {})", delivery.alertId(),
                    delivery.projectId(), delivery.channel(), attempt, delivery.deliveryId());
        } else if (status == DeliveryStatus.FAILED) {
            log.warn("Alert {} of project {} could not be delivered by {} after {} attempts (delivery {}): {}",
                    delivery.alertId(), delivery.projectId(), delivery.channel(), attempt, delivery.deliveryId(),
                    outcome.result());
        } else {
            log.info("Alert delivery {} attempt {} failed ({}); next attempt at {}", delivery.deliveryId(), attempt,
                    outcome.result(), nextAttemptAt);
        }
    }

    @Override
    public void close() {
        if (senders instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
