package io.licenseledger.query.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.projects.ProjectQuery;

/** The alerts raised for a project, newest first. */
public record FindAlerts(ProjectId projectId, Paging paging) implements ProjectQuery {
}
