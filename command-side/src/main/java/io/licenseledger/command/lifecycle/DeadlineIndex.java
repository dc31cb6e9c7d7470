package io.licenseledger.command.lifecycle;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.ItemJoined;
import io.licenseledger.events.project.UsageRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The durable schedule of time-driven decisions, one row per device seat and per expiry alert, kept in the same
 * transaction as the events that set them. A registration renewed by activity just moves its row: nothing is held
 * in memory, and 100,000 registered devices are 100,000 indexed rows.
 */
@Component
@ProcessingGroup("command-lookups")
public class DeadlineIndex {

    public enum Kind { REGISTRATION, EXPIRY_ALERT }

    /** One due decision. */
    public record Deadline(String projectId, String subject, Kind kind, Instant dueAt) {
    }

    private final JdbcTemplate jdbc;

    DeadlineIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Deadline> due(Instant now, int limit) {
        return jdbc.query("""
                        SELECT project_id, subject, kind, due_at FROM project_deadline
                        WHERE due_at <= ? ORDER BY due_at FETCH FIRST ? ROWS ONLY""",
                (rs, i) -> new Deadline(rs.getString("project_id"), rs.getString("subject"),
                        Kind.valueOf(rs.getString("kind")),
                        rs.getObject("due_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)),
                utc(now), limit);
    }

    /** Drops a deadline that was handled, unless the events of that handling moved it meanwhile. */
    void done(Deadline deadline) {
        jdbc.update("DELETE FROM project_deadline WHERE project_id = ? AND subject = ? AND kind = ? AND due_at = ?",
                deadline.projectId(), deadline.subject(), deadline.kind().name(), utc(deadline.dueAt()));
    }

    @EventHandler
    void on(DeviceAuthorized event) {
        if (event.licenseType() != LicenseType.PER_USAGE) {
            schedule(event.projectId().value(), event.deviceId().value(), Kind.REGISTRATION, event.registeredUntil());
        }
    }

    @EventHandler
    void on(UsageRecorded event) {
        if (event.deviceActiveUntil() != null) {
            schedule(event.projectId().value(), event.deviceId().value(), Kind.REGISTRATION,
                    event.deviceActiveUntil());
        }
    }

    @EventHandler
    void on(DeviceUnregistered event) {
        jdbc.update("DELETE FROM project_deadline WHERE project_id = ? AND subject = ? AND kind = ?",
                event.projectId().value(), event.deviceId().value(), Kind.REGISTRATION.name());
    }

    @EventHandler
    void on(ItemJoined event) {
        LicenseItem item = event.item();
        for (int days : List.of(30, 7, 1)) {
            schedule(event.projectId().value(), item.itemId().value() + ":" + days, Kind.EXPIRY_ALERT,
                    item.validUntil().minus(days, ChronoUnit.DAYS));
        }
    }

    /** The column has no zone: it holds UTC wall time, whatever the server's zone, so no hour is ever ambiguous. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void schedule(String projectId, String subject, Kind kind, Instant dueAt) {
        LocalDateTime due = utc(dueAt);
        int moved = jdbc.update("UPDATE project_deadline SET due_at = ? WHERE project_id = ? AND subject = ? AND kind = ?",
                due, projectId, subject, kind.name());
        if (moved == 0) {
            jdbc.update("INSERT INTO project_deadline (project_id, subject, kind, due_at) VALUES (?, ?, ?, ?)",
                    projectId, subject, kind.name(), due);
        }
    }
}
