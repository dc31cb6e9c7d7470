package io.licenseledger.events.project;

import io.licenseledger.events.ProjectId;

/** Events of one project's stream: its items, its devices' authorizations and its usage. */
public sealed interface ProjectEvent
        permits ProjectCreated, ItemJoined, ItemDetached, DeviceAuthorized, AuthorizationRefused, UsageRecorded,
        DeviceUnregistered, ProjectStatusChanged, ItemStatusChanged, AllowedAppsChanged, AlertRaised,
        AlertRecipientsChanged {

    ProjectId projectId();
}
