package io.licenseledger.events.project;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A device's seat or registration on an item is free again, and why (rules A3, A4). */
@Revision("1")
public record DeviceUnregistered(ProjectId projectId, DeviceId deviceId, ItemId itemId, UnregistrationReason reason,
                                 Instant unregisteredAt) implements ProjectEvent {
}
