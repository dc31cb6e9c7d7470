package io.licenseledger.command.quota;

import io.licenseledger.command.state.Changes;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.project.ItemDetached;
import io.licenseledger.events.project.LicenseRenewed;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.UnregistrationReason;

/**
 * A project's quota is the sum of its attached items (rule L3): quota is added by attaching an item, renewed by
 * attaching the item that renews one (L4), and taken away by detaching one. None changes the license key.
 */
public final class QuotaDecider {

    private QuotaDecider() {
    }

    /** True when the item was attached now, false when it already is attached here. */
    public static Decision<Boolean> decide(ProjectState state, AddQuota command) {
        Changes changes = new Changes(state);
        if (state.items().containsKey(command.item().itemId())) {
            return changes.answer(false);
        }
        changes.record(new QuotaAdded(state.projectId(), command.licenseId(), command.item()));
        return changes.answer(true);
    }

    /** True when the renewal was attached now, false when it already is attached here. */
    public static Decision<Boolean> decide(ProjectState state, RenewLicense command) {
        Changes changes = new Changes(state);
        if (command.item().renewalOf() == null) {
            throw new LedgerException(ErrorCode.VALIDATION_FAILED,
                    "item " + command.item().itemId() + " renews no item (its renewalOf is empty); add it as quota");
        }
        if (state.items().containsKey(command.item().itemId())) {
            return changes.answer(false);
        }
        if (!state.items().containsKey(command.item().renewalOf())) {
            throw new LedgerException(ErrorCode.ITEM_NOT_FOUND, "item " + command.item().itemId() + " renews item "
                    + command.item().renewalOf() + ", which is not attached to project " + state.projectId());
        }
        changes.record(new LicenseRenewed(state.projectId(), command.licenseId(), command.item(),
                command.item().renewalOf()));
        return changes.answer(true);
    }

    /** Unregisters the item's devices, in the order they registered, then detaches it. */
    public static Decision<Void> decide(ProjectState state, DetachItem command) {
        Changes changes = new Changes(state);
        if (!state.items().containsKey(command.itemId())) {
            throw new LedgerException(ErrorCode.ITEM_NOT_FOUND,
                    "item " + command.itemId() + " is not attached to project " + state.projectId());
        }
        for (DeviceId deviceId : state.devicesOn(command.itemId())) {
            changes.record(changes.state().unregistration(deviceId, UnregistrationReason.ITEM_DETACHED,
                    command.at()));
        }
        changes.record(new ItemDetached(state.projectId(), command.itemId(), command.at()));
        return changes.answer(null);
    }
}
