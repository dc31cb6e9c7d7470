package io.licenseledger.query.projects;

import java.time.Instant;
import java.util.List;

/** One project with the authorizations it refused, counted per reason code (rule A8). */
public record ProjectSummary(String projectId, String name, Instant createdAt, List<String> allowedAppIds,
                             List<RefusalCount> refusals) {

    public record RefusalCount(String reason, long count, Instant lastRefusedAt) {
    }
}
