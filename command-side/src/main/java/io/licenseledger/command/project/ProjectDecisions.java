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

/**
 * Which slice decides each command of a project, followed by the quota alerts its events call for. Pure but for the
 * one look-up a usage batch needs (was it recorded before?), which the caller hands in.
 */
public final class ProjectDecisions {

    private ProjectDecisions() {
    }

    public static Decision<?> decide(ProjectState state, Object command, UsageBatches batches) {
        return AlertDecider.withQuotaAlerts(route(state, command, batches));
    }

    private static Decision<?> route(ProjectState state, Object command, UsageBatches batches) {
        if (command instanceof CreateProject create) {
            Changes changes = new Changes(state);
            changes.record(new ProjectCreated(create.projectId(), create.name(), create.credentialHash(),
                    create.allowedAppIds()));
            return changes.answer(null);
        }
        if (command instanceof AuthorizeDevice authorize) {
            return AuthorizationDecider.decide(state, authorize);
        }
        if (command instanceof ReportUsage report) {
            return UsageDecider.decide(state, report,
                    batches.find(state.projectId(), report.deviceId(), report.batchId()));
        }
        if (command instanceof AddQuota add) {
            return QuotaDecider.decide(state, add);
        }
        if (command instanceof RenewLicense renew) {
            return QuotaDecider.decide(state, renew);
        }
        if (command instanceof DetachItem detach) {
            return QuotaDecider.decide(state, detach);
        }
        if (command instanceof ChangeProjectStatus change) {
            return LifecycleDecider.decide(state, change);
        }
        if (command instanceof ChangeItemStatus change) {
            return LifecycleDecider.decide(state, change);
        }
        if (command instanceof SetAllowedApps set) {
            return LifecycleDecider.decide(state, set);
        }
        if (command instanceof UnregisterDevice unregister) {
            return LifecycleDecider.decide(state, unregister);
        }
        if (command instanceof ReleaseSeat release) {
            return LifecycleDecider.decide(state, release);
        }
        if (command instanceof ExpireRegistration expire) {
            return LifecycleDecider.decide(state, expire);
        }
        if (command instanceof SetAlertRecipients set) {
            return AlertDecider.decide(state, set);
        }
        if (command instanceof CheckExpiryAlerts check) {
            return AlertDecider.decide(state, check);
        }
        throw new IllegalArgumentException("no decider for " + command.getClass().getName());
    }
}
