package io.licenseledger.query.devices;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.projects.ProjectQuery;

/** Why a project's devices lost their seats or registrations, most recent first. */
public record FindUnregisteredDevices(ProjectId projectId, Paging paging) implements ProjectQuery {
}
