package io.licenseledger.query.projects;

import io.licenseledger.query.Paging;

/** Which projects exist, by name. */
public record FindProjects(Paging paging) {
}
