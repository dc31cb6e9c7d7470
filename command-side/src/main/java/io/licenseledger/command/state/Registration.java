package io.licenseledger.command.state;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.UnregistrationReason;

import java.time.Instant;

/**
 * A device's registration on one item of its project. {@code order} counts registrations on the project: a revoked
 * item unregisters its devices in the order they registered.
 */
public record Registration(ItemId itemId, LicenseType type, boolean overage, Instant registeredUntil, long order) {

    public boolean holdsSeat() {
        return type != LicenseType.PER_USAGE;
    }

    public boolean isLiveAt(Instant at) {
        return registeredUntil.isAfter(at);
    }

    Registration until(Instant until) {
        return new Registration(itemId, type, overage, until, order);
    }

    /** Why a registration that ran out ended: with its item, or when its seat lease or activity window elapsed. */
    public UnregistrationReason lapseReason(LicenseItem item) {
        if (!registeredUntil.isBefore(item.validUntil())) {
            return UnregistrationReason.ITEM_ENDED;
        }
        return type == LicenseType.CONCURRENT_DEVICE
                ? UnregistrationReason.SEAT_LEASE_EXPIRED
                : UnregistrationReason.ACTIVITY_WINDOW_ELAPSED;
    }
}
