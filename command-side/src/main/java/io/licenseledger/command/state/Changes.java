package io.licenseledger.command.state;

import io.licenseledger.events.project.ProjectEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a decider records while it decides, each folded into the state at once so that the next step decides
 * on the state it leaves (a freed seat is free for the registration that follows).
 */
public final class Changes {

    private final List<ProjectEvent> events = new ArrayList<>();
    private ProjectState state;

    public Changes(ProjectState state) {
        this.state = state;
    }

    public ProjectState state() {
        return state;
    }

    public void record(ProjectEvent event) {
        events.add(event);
        state = state.evolve(event);
    }

    public List<ProjectEvent> events() {
        return List.copyOf(events);
    }

    public <A> Decision<A> answer(A answer) {
        return new Decision<>(events, answer, state);
    }
}
