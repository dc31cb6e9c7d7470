package io.licenseledger.query.projects;

import io.licenseledger.events.ProjectId;

/** A query about one project, which {@link KnownProjects#ask} answers once the project is known. */
public interface ProjectQuery {

    ProjectId projectId();
}
