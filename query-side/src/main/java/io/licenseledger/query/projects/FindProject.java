package io.licenseledger.query.projects;

import io.licenseledger.events.ProjectId;

/** What is known of one project; empty when the ledger has no such project. */
public record FindProject(ProjectId projectId) {
}
