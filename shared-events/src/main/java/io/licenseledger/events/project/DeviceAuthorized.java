package io.licenseledger.events.project;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A device was granted a lease (rules A2, A5, A6). {@code newRegistration} says it took a seat (or was first seen
 * on a usage item) rather than renewing one it held; {@code overage} says it is served inside the overage
 * allowance. {@code registeredUntil} is when the registration lapses without further activity (rule A3), never
 * past the item's end.
 */
@Revision("1")
public record DeviceAuthorized(
        ProjectId projectId,
        DeviceId deviceId,
        String deviceName,
        AppId appId,
        ItemId itemId,
        LicenseType licenseType,
        boolean newRegistration,
        boolean overage,
        Instant authorizedAt,
        Instant registeredUntil,
        Instant leaseExpiresAt) implements ProjectEvent {
}
