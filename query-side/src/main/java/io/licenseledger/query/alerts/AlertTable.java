package io.licenseledger.query.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.query.Paging;
import io.licenseledger.query.SqlTime;
import io.licenseledger.query.alerts.ProjectAlerts.Alert;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Table {@code qry_alert}: one row per alert raised, keyed by project and a SHA-256 of the alertId. */
@Repository
class AlertTable {

    private final JdbcTemplate jdbc;

    AlertTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the alert once; an alertId already known changes nothing. */
    void raised(AlertRaised alert) {
        String key = key(alert.alertId());
        Long known = jdbc.queryForObject("SELECT COUNT(*) FROM qry_alert WHERE project_id = ? AND alert_key = ?",
                Long.class, alert.projectId().value(), key);
        if (known == null || known == 0) {
            jdbc.update("""
                    INSERT INTO qry_alert (project_id, alert_key, alert_id, kind, license_type, threshold, term_key,
                                           used, limit_value, raised_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    alert.projectId().value(), key, alert.alertId(), alert.kind().name(),
                    alert.licenseType() == null ? null : alert.licenseType().name(), alert.threshold(),
                    alert.termKey(), alert.used(), alert.limit(), SqlTime.utc(alert.raisedAt()));
        }
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
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM qry_alert WHERE project_id = ?", Long.class,
                projectId.value());
        return count == null ? 0 : count;
    }

    void clear() {
        jdbc.update("DELETE FROM qry_alert");
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
