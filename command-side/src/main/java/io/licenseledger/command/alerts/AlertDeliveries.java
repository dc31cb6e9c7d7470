package io.licenseledger.command.alerts;

import java.time.Instant;
import java.util.List;

/** A page of a project's alert deliveries, newest alert first, each with its attempt history (rule N2). */
record AlertDeliveries(String projectId, long total, int page, int size, List<Delivery> deliveries) {

    record Delivery(String deliveryId, String alertId, String kind, Channel channel, String target,
                    DeliveryStatus status, int attempts, Instant lastAttemptAt, String lastResult,
                    Instant nextAttemptAt, Instant deliveredAt, List<Attempt> history) {
    }

    /** {@code httpStatus} is null for e-mail and for attempts that got no HTTP answer. */
    record Attempt(int attempt, Instant at, String result, Integer httpStatus) {
    }
}
