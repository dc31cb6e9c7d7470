package io.licenseledger.query.quota;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.projects.ProjectQuery;

/** A project's items grouped by renewal chain, each chain's terms oldest first (rule L4). */
public record FindTerms(ProjectId projectId) implements ProjectQuery {
}
