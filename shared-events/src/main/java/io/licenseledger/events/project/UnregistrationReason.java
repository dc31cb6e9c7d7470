package io.licenseledger.events.project;

/** Why a device no longer holds its seat or registration. */
public enum UnregistrationReason {
    /** A per-device registration passed its active window with no activity (rule A3). */
    ACTIVITY_WINDOW_ELAPSED,
    /** The item the device was registered on ended. */
    ITEM_ENDED,
    /** A concurrent seat's lease ran out without renewal (rule A4). */
    SEAT_LEASE_EXPIRED,
    /** The device released its concurrent seat (rule A4). */
    RELEASED,
    /** An admin unregistered the device by hand. */
    UNREGISTERED_BY_ADMIN,
    /** The item the device was registered on was revoked (rule L7). */
    ITEM_REVOKED,
    /** An admin detached the item the device was registered on. */
    ITEM_DETACHED
}
