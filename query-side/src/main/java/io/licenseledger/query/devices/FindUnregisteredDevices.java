package io.licenseledger.query.devices;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;

/** Why a project's devices lost their seats or registrations, most recent first. */
public record FindUnregisteredDevices(ProjectId projectId, Paging paging) {
}
