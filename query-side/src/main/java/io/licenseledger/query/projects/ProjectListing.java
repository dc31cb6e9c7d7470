package io.licenseledger.query.projects;

import java.time.Instant;
import java.util.List;

/** A project as listed: {@code allowedAppIds} empty means every app is served. */
public record ProjectListing(String projectId, String name, Instant createdAt, List<String> allowedAppIds) {
}
