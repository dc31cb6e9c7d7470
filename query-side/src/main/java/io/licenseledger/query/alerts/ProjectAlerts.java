package io.licenseledger.query.alerts;

import java.time.Instant;
import java.util.List;

public record ProjectAlerts(String projectId, int page, int size, long total, List<Alert> alerts) {

    /**
     * One alert of rule N1. {@code threshold} is a percentage of quota for QUOTA_THRESHOLD, days before the end for
     * EXPIRY_NEAR; {@code licenseType} is null for EXPIRY_NEAR; {@code used} and {@code limit} are the figures when it
     * was raised (units, seats, or days left).
     */
    public record Alert(String alertId, String kind, String licenseType, int threshold, String termKey, long used,
                        long limit, Instant raisedAt) {
    }
}
