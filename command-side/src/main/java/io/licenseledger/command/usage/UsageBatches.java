package io.licenseledger.command.usage;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The first answer to every usage batch. The project aggregate consults it to tell a repeat from a new batch (U2);
 * its primary key stops a second instance from recording the same batch twice.
 */
@Component
@ProcessingGroup("command-lookups")
public class UsageBatches {

    public record RecordedBatch(String fingerprint, UsageAnswer answer) {
    }

    private final JdbcTemplate jdbc;

    UsageBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RecordedBatch> find(ProjectId projectId, DeviceId deviceId, BatchId batchId) {
        List<RecordedBatch> found = jdbc.query("""
                        SELECT fingerprint, units_recorded, state, units_remaining FROM usage_batch
                        WHERE project_id = ? AND device_id = ? AND batch_id = ?""",
                (rs, i) -> new RecordedBatch(rs.getString("fingerprint"), new UsageAnswer(batchId, true,
                        UsageState.valueOf(rs.getString("state")), rs.getLong("units_recorded"),
                        (Long) rs.getObject("units_remaining", Long.class))),
                projectId.value(), deviceId.value(), batchId.value());
        return found.stream().findFirst();
    }

    @EventHandler
    void on(UsageRecorded event) {
        jdbc.update("""
                        INSERT INTO usage_batch (project_id, device_id, batch_id, fingerprint, units_recorded, state,
                                                 units_remaining) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.projectId().value(), event.deviceId().value(), event.batchId().value(),
                event.batchFingerprint(), event.unitsRecorded(), event.state().name(), event.unitsRemaining());
    }
}
