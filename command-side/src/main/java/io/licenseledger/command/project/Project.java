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
        record(ProjectDecisions.decide(state, command, null));
    }

    /** Only loads the project (into the aggregate cache). */
    @CommandHandler
    void handle(LoadProject command) {
    }

    @CommandHandler
    AuthorizationDecision handle(AuthorizeDevice command) {
        return record(decide(command));
    }

    @CommandHandler
    UsageAnswer handle(ReportUsage command, UsageBatches batches) {
        return record(ProjectDecisions.decide(state, command, batches));
    }

    @CommandHandler
    boolean handle(AddQuota command) {
        return record(decide(command));
    }

    @CommandHandler
    boolean handle(RenewLicense command) {
        return record(decide(command));
    }

    @CommandHandler
    void handle(DetachItem command) {
        record(decide(command));
    }

    @CommandHandler
    boolean handle(ChangeProjectStatus command) {
        return record(decide(command));
    }

    @CommandHandler
    boolean handle(ChangeItemStatus command) {
        return record(decide(command));
    }

    @CommandHandler
    void handle(SetAllowedApps command) {
        record(decide(command));
    }

    @CommandHandler
    void handle(UnregisterDevice command) {
        record(decide(command));
    }

    @CommandHandler
    void handle(ReleaseSeat command) {
        record(decide(command));
    }

    @CommandHandler
    void handle(ExpireRegistration command) {
        record(decide(command));
    }

    @CommandHandler
    void handle(SetAlertRecipients command) {
        record(decide(command));
    }

    @CommandHandler
    void handle(CheckExpiryAlerts command) {
        record(decide(command));
    }

    private Decision<?> decide(Object command) {
        return ProjectDecisions.decide(state, command, null);
    }

    @SuppressWarnings("unchecked")
    private <A> A record(Decision<?> decision) {
        decision.events().forEach(AggregateLifecycle::apply);
        return (A) decision.answer();
    }

    @EventSourcingHandler
    void on(ProjectEvent event) {
        state = state.evolve(event);
        projectId = state.projectId();
    }
}
