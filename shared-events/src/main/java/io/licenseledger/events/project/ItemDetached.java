package io.licenseledger.events.project;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An admin took an item off the project: its quota no longer counts here, its devices were unregistered before, and
 * it may be attached to another project (rule L3).
 */
@Revision("1")
public record ItemDetached(ProjectId projectId, ItemId itemId, Instant detachedAt) implements ProjectEvent {
}
