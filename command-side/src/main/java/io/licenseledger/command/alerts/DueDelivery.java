package io.licenseledger.command.alerts;

import java.time.Instant;

/** A delivery a worker has claimed: the alert's facts, where it goes, and how many attempts were made so far. */
record DueDelivery(String deliveryId, String alertId, String projectId, Channel channel, String target, String kind,
                   String licenseType, int threshold, String termKey, long used, long limit, Instant raisedAt,
                   int attempts) {
}
