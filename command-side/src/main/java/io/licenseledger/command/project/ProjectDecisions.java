package io.licenseledger.command.project;

import io.licenseledger.command.alerts.AlertDecider;
import io.licenseledger.command.alerts.CheckExpiryAlerts;
import io.licenseledger.command.alerts.SetAlertRecipients;
import io.licenseledger.command.authorization.AuthorizationDecider;
import io.licenseledger.command.authorization.AuthorizeDevice;
import io.licenseledger.command.lifecycle.ChangeItemStatus;
import io.licenseledger.command.lifecycle.ChangeProjectStatus;
import io.licenseledger.command.lifecycle.ExpireRegistration;
import io.licenseledger.command.lifecycle.LifecycleDecider;
import io.licenseledger.command.lifecycle.ReleaseSeat;
import io.licenseledger.command.lifecycle.SetAllowedApps;
import io.licenseledger.command.lifecycle.UnregisterDevice;
import io.licenseledger.command.quota.AddQuota;
import io.licenseledger.command.quota.DetachItem;
import io.licenseledger.command.quota.RenewLicense;
import io.licenseledger.command.quota.QuotaDecider;
import io.licenseledger.command.state.Changes;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.usage.ReportUsage;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.command.usage.UsageDecider;
import io.licenseledger.events.project.ProjectCreated;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * Which slice decides each command of a project, followed by the quota alerts its events call for. Pure but for the
 * one look-up a usage batch needs (was it recorded before?), which the caller hands in.
 */
public final class ProjectDecisions {

    private ProjectDecisions() {
    }

    /** Each command a project takes, and the decider that takes it. */
    private static final Map<Class<?>, BiFunction<ProjectState, Object, Decision<?>>> DECIDERS = Map.ofEntries(
            decider(CreateProject.class, ProjectDecisions::create),
            decider(AuthorizeDevice.class, AuthorizationDecider::decide),
            decider(AddQuota.class, QuotaDecider::decide),
            decider(RenewLicense.class, QuotaDecider::decide),
            decider(DetachItem.class, QuotaDecider::decide),
            decider(ChangeProjectStatus.class, LifecycleDecider::decide),
            decider(ChangeItemStatus.class, LifecycleDecider::decide),
            decider(SetAllowedApps.class, LifecycleDecider::decide),
            decider(UnregisterDevice.class, LifecycleDecider::decide),
            decider(ReleaseSeat.class, LifecycleDecider::decide),
            decider(ExpireRegistration.class, LifecycleDecider::decide),
            decider(SetAlertRecipients.class, AlertDecider::decide),
            decider(CheckExpiryAlerts.class, AlertDecider::decide));

    public static Decision<?> decide(ProjectState state, Object command, UsageBatches batches) {
        return AlertDecider.withQuotaAlerts(route(state, command, batches));
    }

    private static Decision<?> route(ProjectState state, Object command, UsageBatches batches) {
        if (command instanceof ReportUsage report) {
            return UsageDecider.decide(state, report,
                    batches.find(state.projectId(), report.deviceId(), report.batchId()));
        }
        BiFunction<ProjectState, Object, Decision<?>> decider = DECIDERS.get(command.getClass());
        if (decider == null) {
            throw new IllegalArgumentException("no decider for " + command.getClass().getName());
        }
        return decider.apply(state, command);
    }

    private static Decision<Void> create(ProjectState state, CreateProject command) {
        Changes changes = new Changes(state);
        changes.record(new ProjectCreated(command.projectId(), command.name(), command.credentialHash(),
                command.allowedAppIds()));
        return changes.answer(null);
    }

    private static <C> Map.Entry<Class<?>, BiFunction<ProjectState, Object, Decision<?>>> decider(
            Class<C> type, BiFunction<ProjectState, C, Decision<?>> decide) {
        return Map.entry(type, (state, command) -> decide.apply(state, type.cast(command)));
    }
}
