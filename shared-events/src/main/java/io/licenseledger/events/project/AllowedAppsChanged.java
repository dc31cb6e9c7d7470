package io.licenseledger.events.project;

import io.licenseledger.events.Copies;
import io.licenseledger.events.AppId;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.util.Set;

/** The app ids the project serves changed; empty means every app (rule A9). */
@Revision("1")
public record AllowedAppsChanged(ProjectId projectId, Set<AppId> allowedAppIds) implements ProjectEvent {

    public AllowedAppsChanged {
        allowedAppIds = Copies.set(allowedAppIds);
    }
}
