package io.licenseledger.command.project;

import io.licenseledger.command.state.ProjectState;

import java.util.Optional;

/** The state a project's snapshot holds, for readers of the ledger outside the aggregate (as of, rule AU5). */
public final class SnapshotStates {

    private SnapshotStates() {
    }

    /** Empty when {@code snapshotPayload} is not a project's snapshot. */
    public static Optional<ProjectState> of(Object snapshotPayload) {
        return snapshotPayload instanceof Project project ? Optional.of(project.state()) : Optional.empty();
    }
}
