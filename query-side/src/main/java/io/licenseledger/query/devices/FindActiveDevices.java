package io.licenseledger.query.devices;

import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;

/** Which devices of a project hold a live registration now. */
public record FindActiveDevices(ProjectId projectId, Paging paging, DeviceSort sort) {
}
