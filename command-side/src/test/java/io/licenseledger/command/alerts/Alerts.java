package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;

import java.time.Instant;

/** Alerts as the project aggregate raises them, for the tests. */
final class Alerts {

    static final ProjectId PROJECT = new ProjectId("prj_alerts");

    private Alerts() {
    }

    static AlertRaised quota80(ProjectId projectId, Instant raisedAt) {
        return new AlertRaised(projectId, "QUOTA_THRESHOLD:PER_USAGE:80:term-2026", AlertKind.QUOTA_THRESHOLD,
                LicenseType.PER_USAGE, 80, "term-2026", 800, 1000, raisedAt);
    }

    static AlertRaised expiry7(ProjectId projectId, Instant raisedAt) {
        return new AlertRaised(projectId, "EXPIRY_NEAR:7:term-2026", AlertKind.EXPIRY_NEAR, null, 7, "term-2026", 7,
                7, raisedAt);
    }
}
