package io.licenseledger.query.quota;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.projects.ProjectQuery;

/** A project's quota per license type, summed over the items valid now (rule L3). */
public record FindQuota(ProjectId projectId) implements ProjectQuery {
}
