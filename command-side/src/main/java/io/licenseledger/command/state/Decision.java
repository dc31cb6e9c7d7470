package io.licenseledger.command.state;

import io.licenseledger.events.project.ProjectEvent;

import java.util.List;

/**
 * What a decider decided: the events to record, in order, the answer for the caller, and the project's state once
 * the events are folded in. A refusal that records nothing is a {@link io.licenseledger.events.LedgerException}.
 */
public record Decision<A>(List<ProjectEvent> events, A answer, ProjectState after) {

    public Decision {
        events = List.copyOf(events);
    }

    /** The same decision with more events after its own (follow-ups such as alerts). */
    public Decision<A> followedBy(List<ProjectEvent> more) {
        if (more.isEmpty()) {
            return this;
        }
        Changes changes = new Changes(after);
        more.forEach(changes::record);
        List<ProjectEvent> all = new java.util.ArrayList<>(events);
        all.addAll(more);
        return new Decision<>(all, answer, changes.state());
    }
}
