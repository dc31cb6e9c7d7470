package io.licenseledger.query.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.query.BatchedWrites;
import io.licenseledger.query.Paging;
import io.licenseledger.query.RowCount;
import io.licenseledger.query.TableRows;
import io.licenseledger.query.TableRows.Table;
import io.licenseledger.query.alerts.ProjectAlerts.Alert;
import io.licenseledger.service.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static io.licenseledger.query.TableRows.Column.bigint;
import static io.licenseledger.query.TableRows.Column.integer;
import static io.licenseledger.query.TableRows.Column.text;
import static io.licenseledger.query.TableRows.Column.time;

/** Table {@code qry_alert}: one row per alert raised, keyed by project and a SHA-256 of the alertId. */
@Repository
class AlertTable {

    private static final Table ALERTS = new Table("qry_alert", List.of(text("project_id"), text("alert_key"),
            text("alert_id"), text("kind"), text("license_type"), integer("threshold"), text("term_key"),
            bigint("used"), bigint("limit_value"), time("raised_at")), List.of("project_id", "alert_key"));

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    AlertTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, ALERTS);
    }

    /** Keeps the alert once; an alertId already known changes nothing. */
    void raised(AlertRaised alert) {
        String key = key(alert.alertId());
        writes.record(batch -> batch.rows(ALERTS).want(alert.projectId().value(), key), batch -> {
            TableRows alerts = batch.rows(ALERTS);
            if (alerts.find(alert.projectId().value(), key) == null) {
                alerts.insert(alert.projectId().value(), key).set("alert_id", alert.alertId())
                        .set("kind", alert.kind().name())
                        .set("license_type", alert.licenseType() == null ? null : alert.licenseType().name())
                        .set("threshold", alert.threshold()).set("term_key", alert.termKey())
                        .set("used", alert.used()).set("limit_value", alert.limit())
                        .set("raised_at", alert.raisedAt());
            }
        });
    }

    List<Alert> page(ProjectId projectId, Paging paging) {
        return jdbc.query("""
                        SELECT * FROM qry_alert WHERE project_id = ?
                         ORDER BY raised_at DESC, alert_id ASC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY""",
                (rs, i) -> new Alert(rs.getString("alert_id"), rs.getString("kind"), rs.getString("license_type"),
                        rs.getInt("threshold"), rs.getString("term_key"), rs.getLong("used"),
                        rs.getLong("limit_value"), SqlTime.instant(rs, "raised_at")),
                projectId.value(), paging.offset(), paging.size());
    }

    long count(ProjectId projectId) {
        return RowCount.of(jdbc, "SELECT COUNT(*) FROM qry_alert WHERE project_id = ?", projectId.value());
    }

    /** The alertId names the items of its term, so it has no length bound; its digest does. */
    private static String key(String alertId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(alertId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
