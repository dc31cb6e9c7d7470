package io.licenseledger.events.project;

import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An admin suspended, reinstated or revoked the whole project (rule L7). */
@Revision("1")
public record ProjectStatusChanged(ProjectId projectId, LicenseStatus status, String note, Instant changedAt)
        implements ProjectEvent {
}
