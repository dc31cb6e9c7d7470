package io.licenseledger.query.quota;

import io.licenseledger.events.ProjectId;

/** A project's quota per license type, summed over the items valid now (rule L3). */
public record FindQuota(ProjectId projectId) {
}
