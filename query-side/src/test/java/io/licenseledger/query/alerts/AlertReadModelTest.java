package io.licenseledger.query.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.query.Paging;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.query.alerts.ProjectAlerts.Alert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertReadModelTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ProjectId PROJECT = new ProjectId("scanner");

    private final AlertTable table = new AlertTable(ReadModelDatabase.migrated());
    private final AlertProjection projection = new AlertProjection(table);
    private final AlertQueries queries = new AlertQueries(table);

    private final AlertRaised sixtyPercent = new AlertRaised(PROJECT, "a-60", AlertKind.QUOTA_THRESHOLD,
            LicenseType.PER_USAGE, 60, "use-a", 600, 1000, T0);
    private final AlertRaised expiry = new AlertRaised(PROJECT, "a-exp-30", AlertKind.EXPIRY_NEAR, null, 30,
            "use-a", 30, 30, T0.plusSeconds(3600));

    @Test
    void alertsAreListedNewestFirstWithTheirFigures() {
        projection.on(sixtyPercent);
        projection.on(expiry);

        assertThat(queries.handle(new FindAlerts(PROJECT, new Paging(0, 50)))).isEqualTo(new ProjectAlerts("scanner",
                0, 50, 2, List.of(
                new Alert("a-exp-30", "EXPIRY_NEAR", null, 30, "use-a", 30, 30, T0.plusSeconds(3600)),
                new Alert("a-60", "QUOTA_THRESHOLD", "PER_USAGE", 60, "use-a", 600, 1000, T0))));
    }

    @Test
    void anAlertIsKeptOncePerAlertIdAndOnlyForItsProject() {
        projection.on(sixtyPercent);
        projection.on(sixtyPercent);
        projection.on(new AlertRaised(PROJECT, "a-60", AlertKind.QUOTA_THRESHOLD, LicenseType.PER_USAGE, 60, "use-a",
                650, 1000, T0.plusSeconds(60)));
        projection.on(new AlertRaised(new ProjectId("other"), "a-60", AlertKind.HARD_STOP, LicenseType.PER_DEVICE,
                100, "dev", 11, 11, T0));

        ProjectAlerts alerts = queries.handle(new FindAlerts(PROJECT, new Paging(0, 50)));

        assertThat(alerts.total()).isEqualTo(1);
        assertThat(alerts.alerts()).containsExactly(
                new Alert("a-60", "QUOTA_THRESHOLD", "PER_USAGE", 60, "use-a", 600, 1000, T0));
    }

    @Test
    void anAlertAboutManyItemsIsKeptWhateverTheLengthOfItsId() {
        String term = String.join("+", Collections.nCopies(40, "x".repeat(128)));
        AlertRaised longTerm = new AlertRaised(PROJECT, "HARD_STOP:PER_USAGE:0:" + term, AlertKind.HARD_STOP,
                LicenseType.PER_USAGE, 0, term, 1050, 1050, T0);

        projection.on(longTerm);
        projection.on(longTerm);

        assertThat(queries.handle(new FindAlerts(PROJECT, new Paging(0, 50))).alerts())
                .extracting(Alert::alertId).containsExactly(longTerm.alertId());
    }

    @Test
    void alertsComeAPageAtATime() {
        for (int i = 0; i < 5; i++) {
            projection.on(new AlertRaised(PROJECT, "a-" + i, AlertKind.OVERAGE_ENTERED, LicenseType.PER_DEVICE, 100,
                    "term-" + i, 11, 10, T0.plusSeconds(i)));
        }

        ProjectAlerts second = queries.handle(new FindAlerts(PROJECT, new Paging(1, 2)));

        assertThat(second.total()).isEqualTo(5);
        assertThat(second.alerts()).extracting(Alert::alertId).containsExactly("a-2", "a-1");
    }
}
