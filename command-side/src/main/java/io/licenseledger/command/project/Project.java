package io.licenseledger.command.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.licenseledger.command.alerts.CheckExpiryAlerts;
import io.licenseledger.command.alerts.SetAlertRecipients;
import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.command.authorization.AuthorizeDevice;
import io.licenseledger.command.lifecycle.ChangeItemStatus;
import io.licenseledger.command.lifecycle.ChangeProjectStatus;
import io.licenseledger.command.lifecycle.ExpireRegistration;
import io.licenseledger.command.lifecycle.ReleaseSeat;
import io.licenseledger.command.lifecycle.SetAllowedApps;
import io.licenseledger.command.lifecycle.UnregisterDevice;
import io.licenseledger.command.quota.AddQuota;
import io.licenseledger.command.quota.DetachItem;
import io.licenseledger.command.quota.RenewLicense;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.command.usage.UsageAnswer;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.ProjectEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The Axon aggregate of a project: it routes each command to its slice's decider ({@link ProjectDecisions}) and
 * records the events decided. Every decision on a project is taken here, one at a time, which is what keeps seat
 * and unit limits exact under concurrent requests.
 * <p>
 * Its snapshot is its {@link ProjectState} as JSON. A change to the state's fields or their meaning takes a new
 * {@link #REVISION}: snapshots of any other revision are then ignored and the project is rebuilt from its events.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = ProjectSnapshots.TRIGGER,
        snapshotFilter = ProjectSnapshots.FILTER)
@Revision(Project.REVISION)
class Project {

    static final String REVISION = "2";

    @AggregateIdentifier
    private ProjectId projectId;
    private ProjectState state = ProjectState.initial();

    Project() {
    }

    @JsonCreator
    Project(ProjectState state) {
        this.projectId = state.projectId();
        this.state = state;
    }

    @JsonValue
    ProjectState state() {
        return state;
    }

    @CommandHandler
    Project(CreateProject command) {
        decided(command, null);
    }

    /** Only loads the project (into the aggregate cache). */
    @CommandHandler
    void handle(LoadProject command) {
    }

    @CommandHandler
    AuthorizationDecision handle(AuthorizeDevice command) {
        return decided(command, null);
    }

    @CommandHandler
    UsageAnswer handle(ReportUsage command, UsageBatches batches) {
        return decided(command, batches);
    }

    @CommandHandler
    boolean handle(AddQuota command) {
        return decided(command, null);
    }

    @CommandHandler
    boolean handle(RenewLicense command) {
        return decided(command, null);
    }

    @CommandHandler
    void handle(DetachItem command) {
        decided(command, null);
    }

    @CommandHandler
    boolean handle(ChangeProjectStatus command) {
        return decided(command, null);
    }

    @CommandHandler
    boolean handle(ChangeItemStatus command) {
        return decided(command, null);
    }

    @CommandHandler
    void handle(SetAllowedApps command) {
        decided(command, null);
    }

    @CommandHandler
    void handle(UnregisterDevice command) {
        decided(command, null);
    }

    @CommandHandler
    void handle(ReleaseSeat command) {
        decided(command, null);
    }

    @CommandHandler
    void handle(ExpireRegistration command) {
        decided(command, null);
    }

    @CommandHandler
    void handle(SetAlertRecipients command) {
        decided(command, null);
    }

    @CommandHandler
    void handle(CheckExpiryAlerts command) {
        decided(command, null);
    }

    /** Decides the command on the project's state and records the events decided; the answer goes to the caller. */
    @SuppressWarnings("unchecked")
    private <A> A decided(Object command, UsageBatches batches) {
        Decision<?> decision = ProjectDecisions.decide(state, command, batches);
        decision.events().forEach(AggregateLifecycle::apply);
        return (A) decision.answer();
    }

    @EventSourcingHandler
    void on(ProjectEvent event) {
        state = state.evolve(event);
        projectId = state.projectId();
    }
}
