package io.licenseledger.command.quota;

import io.licenseledger.command.state.Changes;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.events.project.ItemAttached;

/** A project's quota is the sum of its attached items (rule L3); attaching changes nothing of its license key. */
public final class QuotaDecider {

    private QuotaDecider() {
    }

    /** True when the item was attached now, false when it already is attached here. */
    public static Decision<Boolean> decide(ProjectState state, AttachItem command) {
        Changes changes = new Changes(state);
        if (state.items().containsKey(command.item().itemId())) {
            return changes.answer(false);
        }
        changes.record(new ItemAttached(state.projectId(), command.licenseId(), command.item()));
        return changes.answer(true);
    }
}
