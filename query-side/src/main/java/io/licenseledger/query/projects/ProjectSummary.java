package io.licenseledger.query.projects;

import java.time.Instant;
import java.util.List;

/**
 * One project with its admin lifecycle (rule L7), where its alerts go (rule N2), and the authorizations it refused,
 * counted per reason code (rule A8).
 */
public record ProjectSummary(String projectId, String name, Instant createdAt, List<String> allowedAppIds,
                             String status, String statusNote, Instant statusChangedAt,
                             AlertRecipients alertRecipients, List<RefusalCount> refusals) {

    public record RefusalCount(String reason, long count, Instant lastRefusedAt) {
    }

    /** Both lists are empty until recipients are configured. */
    public record AlertRecipients(List<String> webhookUrls, List<String> emailAddresses) {
    }
}
