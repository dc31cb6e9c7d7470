package io.licenseledger.query.projects;

import java.time.Instant;
import java.util.List;

/**
 * A project as listed: {@code allowedAppIds} empty means every app is served; {@code status} is its admin lifecycle
 * (ACTIVE, SUSPENDED or REVOKED, rule L7), with the note and time of the last change (null while never changed).
 */
public record ProjectListing(String projectId, String name, Instant createdAt, List<String> allowedAppIds,
                             String status, String statusNote, Instant statusChangedAt) {
}
