package io.licenseledger.command.state;

import io.licenseledger.events.project.ProjectEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What a decider decided: the events to record, in order, the answer for the caller, and the project's state once
 * the events are folded in. A refusal that records nothing is a {@link io.licenseledger.events.LedgerException}.
 */
public record Decision<A>(List<ProjectEvent> events, A answer, ProjectState after) {

    public Decision {
        events = List.copyOf(events);
    }

    /** The same decision followed by what {@code more}, started from this decision's state, recorded (alerts). */
    public Decision<A> followedBy(Changes more) {
        if (more.events().isEmpty()) {
            return this;
        }
        List<ProjectEvent> all = new ArrayList<>(events);
        all.addAll(more.events());
        return new Decision<>(all, answer, more.state());
    }
}
