package io.licenseledger.events.project;

import io.licenseledger.events.Copies;
import io.licenseledger.events.AppId;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.util.Set;

/**
 * A project and its license key were created (rule L6). Only a SHA-256 hash of the key's credential is recorded;
 * an empty {@code allowedAppIds} means every app is served (rule A9).
 */
@Revision("1")
public record ProjectCreated(ProjectId projectId, String name, String credentialHash, Set<AppId> allowedAppIds)
        implements ProjectEvent {

    public ProjectCreated {
        allowedAppIds = Copies.set(allowedAppIds);
    }
}
