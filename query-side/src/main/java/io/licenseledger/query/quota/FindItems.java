package io.licenseledger.query.quota;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.projects.ProjectQuery;

/** Each item attached to a project: its term, where it stands now, and how much of it is used. */
public record FindItems(ProjectId projectId) implements ProjectQuery {
}
