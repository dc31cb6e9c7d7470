package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.licenseledger.command.alerts.Alerts.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The processor's handlers on H2 with the real migrations, called directly with events. */
class AlertDeliveryProjectionTest {

    private static final Instant RAISED = Instant.parse("2026-03-01T10:00:00Z");
    private static final ProjectId OTHER = new ProjectId("prj_other");

    private final AlertDatabase db = new AlertDatabase();
    private final RecipientTable recipients = new RecipientTable(db.jdbc);
    private final DeliveryTable deliveries = new DeliveryTable(db.jdbc);
    private final AlertDeliveryProjection projection = new AlertDeliveryProjection(recipients, deliveries);

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void anAlertBecomesOnePendingDeliveryPerRecipientDueAtOnce() {
        projection.on(new AlertRecipientsChanged(PROJECT, List.of("https://a.example.com/h", "https://b.example.com/h"),
                List.of("ops@example.com")));

        projection.on(Alerts.quota80(PROJECT, RAISED));

        assertThat(rows()).extracting(r -> r.get("CHANNEL"), r -> r.get("TARGET"), r -> r.get("STATUS"),
                        r -> r.get("ATTEMPTS"))
                .containsExactlyInAnyOrder(
                        tuple("WEBHOOK", "https://a.example.com/h", "PENDING", 0),
                        tuple("WEBHOOK", "https://b.example.com/h", "PENDING", 0),
                        tuple("EMAIL", "ops@example.com", "PENDING", 0));
        assertThat(deliveries.due(RAISED, 10)).hasSize(3);
        assertThat(deliveries.due(RAISED.minusMillis(1), 10)).isEmpty();
    }

    @Test
    void aRedeliveredAlertCreatesNoSecondDelivery() {
        projection.on(new AlertRecipientsChanged(PROJECT, List.of("https://a.example.com/h"),
                List.of("ops@example.com")));
        AlertRaised alert = Alerts.quota80(PROJECT, RAISED);

        projection.on(alert);
        List<Object> idsBefore = db.jdbc.queryForList("SELECT delivery_id FROM alert_delivery ORDER BY delivery_id",
                Object.class);
        projection.on(alert);

        assertThat(db.jdbc.queryForList("SELECT delivery_id FROM alert_delivery ORDER BY delivery_id", Object.class))
                .hasSize(2).isEqualTo(idsBefore);
    }

    @Test
    void aRedeliveredAlertLeavesAnAttemptedDeliveryAsItIs() {
        webhookFor(PROJECT, "https://a.example.com/h");
        AlertRaised alert = Alerts.quota80(PROJECT, RAISED);
        projection.on(alert);
        db.jdbc.update("UPDATE alert_delivery SET status = 'DELIVERED', attempts = 1");

        projection.on(alert);

        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.get("STATUS")).isEqualTo("DELIVERED");
            assertThat(row.get("ATTEMPTS")).isEqualTo(1);
        });
    }

    @Test
    void anAlertWithoutRecipientsIsDeliveredNowhere() {
        projection.on(Alerts.quota80(PROJECT, RAISED));

        assertThat(rows()).isEmpty();
    }

    @Test
    void newRecipientsReplaceTheOldOnesAndDoNotReachBackToEarlierAlerts() {
        webhookFor(PROJECT, "https://old.example.com/h");
        projection.on(Alerts.quota80(PROJECT, RAISED));

        projection.on(new AlertRecipientsChanged(PROJECT, List.of(), List.of("new@example.com")));
        projection.on(Alerts.expiry7(PROJECT, RAISED.plusSeconds(60)));

        assertThat(rows()).extracting(r -> r.get("ALERT_ID"), r -> r.get("TARGET")).containsExactlyInAnyOrder(
                tuple("QUOTA_THRESHOLD:PER_USAGE:80:term-2026", "https://old.example.com/h"),
                tuple("EXPIRY_NEAR:7:term-2026", "new@example.com"));
    }

    @Test
    void recipientsAreKeptPerProject() {
        webhookFor(PROJECT, "https://mine.example.com/h");
        webhookFor(OTHER, "https://theirs.example.com/h");

        projection.on(Alerts.quota80(PROJECT, RAISED));

        assertThat(rows()).extracting(r -> r.get("TARGET")).containsExactly("https://mine.example.com/h");
    }

    @Test
    void theSameAlertIdInTwoProjectsIsTwoDeliveries() {
        webhookFor(PROJECT, "https://shared.example.com/h");
        webhookFor(OTHER, "https://shared.example.com/h");

        projection.on(Alerts.quota80(PROJECT, RAISED));
        projection.on(Alerts.quota80(OTHER, RAISED));

        assertThat(rows()).extracting(r -> r.get("PROJECT_ID")).containsExactlyInAnyOrder("prj_alerts", "prj_other");
        assertThat(rows()).extracting(r -> r.get("DELIVERY_ID")).doesNotHaveDuplicates();
    }

    @Test
    void aResetForgetsRecipientsButKeepsDeliveries() {
        webhookFor(PROJECT, "https://a.example.com/h");
        projection.on(Alerts.quota80(PROJECT, RAISED));

        projection.reset();

        assertThat(recipients.of(PROJECT)).isEmpty();
        assertThat(rows()).hasSize(1);
    }

    @Test
    void theDeliveryKeepsTheAlertsFacts() {
        projection.on(new AlertRecipientsChanged(PROJECT, List.of(), List.of("ops@example.com")));
        projection.on(Alerts.expiry7(PROJECT, RAISED));

        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.get("KIND")).isEqualTo("EXPIRY_NEAR");
            assertThat(row.get("LICENSE_TYPE")).isNull();
            assertThat(row.get("THRESHOLD")).isEqualTo(7);
            assertThat(row.get("TERM_KEY")).isEqualTo("term-2026");
            assertThat(row.get("DELIVERY_ID")).isEqualTo(DeliveryTable.deliveryId(PROJECT, "EXPIRY_NEAR:7:term-2026",
                    Channel.EMAIL, "ops@example.com"));
        });
    }

    @Test
    void anAlertWhoseTermNamesManyItemsIsStillDeliveredOnce() {
        String term = String.join("+", Collections.nCopies(40, "units-" + "x".repeat(100)));
        AlertRaised alert = new AlertRaised(PROJECT, "QUOTA_THRESHOLD:PER_USAGE:60:" + term,
                AlertKind.QUOTA_THRESHOLD,
                LicenseType.PER_USAGE, 60, term, 600, 1000, RAISED);
        webhookFor(PROJECT, "https://a.example.com/h");

        projection.on(alert);
        projection.on(alert);

        assertThat(rows()).singleElement().satisfies(row ->
                assertThat((String) row.get("ALERT_ID")).hasSizeGreaterThan(4000));
    }

    /** The project's alerts go to {@code url} alone. */
    private void webhookFor(ProjectId project, String url) {
        projection.on(new AlertRecipientsChanged(project, List.of(url), List.of()));
    }

    private List<Map<String, Object>> rows() {
        return db.jdbc.queryForList("SELECT * FROM alert_delivery");
    }
}
