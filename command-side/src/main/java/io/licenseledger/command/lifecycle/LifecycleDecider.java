package io.licenseledger.command.lifecycle;

import io.licenseledger.command.state.Changes;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.state.Registration;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.UnregistrationReason;

import java.time.Instant;

/**
 * The project's and its items' lifecycle (rule L7: suspend, reinstate, revoke; revoked is final), its app
 * restrictions (A9), and the end of a device's registration: released (A4), lapsed (A3, A4) or by an admin.
 */
public final class LifecycleDecider {

    private LifecycleDecider() {
    }

    /** True when the status changed, false when it already was the one asked for. */
    public static Decision<Boolean> decide(ProjectState state, ChangeProjectStatus command) {
        Changes changes = new Changes(state);
        assertTransition(state.status(), command.status(), "project " + state.projectId());
        if (state.status() == command.status()) {
            return changes.answer(false);
        }
        changes.record(new ProjectStatusChanged(state.projectId(), command.status(), command.note(), command.at()));
        return changes.answer(true);
    }

    /** True when the status changed; revoking an item unregisters its devices, in the order they registered. */
    public static Decision<Boolean> decide(ProjectState state, ChangeItemStatus command) {
        Changes changes = new Changes(state);
        LicenseStatus current = state.itemStatus().get(command.itemId());
        if (current == null) {
            throw new LedgerException(ErrorCode.ITEM_NOT_FOUND,
                    "item " + command.itemId() + " is not attached to project " + state.projectId());
        }
        assertTransition(current, command.status(), "item " + command.itemId());
        if (current == command.status()) {
            return changes.answer(false);
        }
        changes.record(new ItemStatusChanged(state.projectId(), command.itemId(), command.status(), command.note(),
                command.at()));
        if (command.status() == LicenseStatus.REVOKED) {
            for (DeviceId deviceId : state.devicesOn(command.itemId())) {
                unregister(changes, deviceId, UnregistrationReason.ITEM_REVOKED, command.at());
            }
        }
        return changes.answer(true);
    }

    public static Decision<Void> decide(ProjectState state, SetAllowedApps command) {
        Changes changes = new Changes(state);
        if (!state.allowedAppIds().equals(command.allowedAppIds())) {
            changes.record(new AllowedAppsChanged(state.projectId(), command.allowedAppIds()));
        }
        return changes.answer(null);
    }

    public static Decision<Void> decide(ProjectState state, UnregisterDevice command) {
        Changes changes = new Changes(state);
        if (state.registration(command.deviceId()) == null) {
            throw new LedgerException(ErrorCode.DEVICE_NOT_REGISTERED,
                    "device " + command.deviceId() + " is not registered in this project");
        }
        unregister(changes, command.deviceId(), UnregistrationReason.UNREGISTERED_BY_ADMIN, command.at());
        return changes.answer(null);
    }

    /** Frees a concurrent seat at once; a no-op for any other registration. */
    public static Decision<Void> decide(ProjectState state, ReleaseSeat command) {
        Changes changes = new Changes(state);
        Registration registration = state.registration(command.deviceId());
        if (registration != null && registration.type() == LicenseType.CONCURRENT_DEVICE) {
            unregister(changes, command.deviceId(), UnregistrationReason.RELEASED, command.at());
        }
        return changes.answer(null);
    }

    /** Frees a seat whose registration or lease has run out (A3, A4); a no-op when it was renewed meanwhile. */
    public static Decision<Void> decide(ProjectState state, ExpireRegistration command) {
        Changes changes = new Changes(state);
        Registration registration = state.registration(command.deviceId());
        if (registration != null && registration.holdsSeat() && !registration.isLiveAt(command.at())) {
            unregister(changes, command.deviceId(),
                    registration.lapseReason(state.item(registration.itemId())), command.at());
        }
        return changes.answer(null);
    }

    private static void unregister(Changes changes, DeviceId deviceId, UnregistrationReason reason, Instant at) {
        changes.record(changes.state().unregistration(deviceId, reason, at));
    }

    /** Revoked is final; every other change is allowed (L7). */
    private static void assertTransition(LicenseStatus from, LicenseStatus to, String what) {
        if (from == LicenseStatus.REVOKED && to != LicenseStatus.REVOKED) {
            throw new LedgerException(ErrorCode.INVALID_TRANSITION, what + " is revoked; a revocation is final");
        }
    }
}
