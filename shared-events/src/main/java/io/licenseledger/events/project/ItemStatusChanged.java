package io.licenseledger.events.project;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An admin suspended, reinstated or revoked one attached item (rule L7). */
@Revision("1")
public record ItemStatusChanged(ProjectId projectId, ItemId itemId, LicenseStatus status, String note,
                                Instant changedAt) implements ProjectEvent {
}
