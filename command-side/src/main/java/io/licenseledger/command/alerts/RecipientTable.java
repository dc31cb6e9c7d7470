package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/** Table {@code alert_recipient}: each project's recipients as of the last {@code AlertRecipientsChanged} handled. */
@Repository
class RecipientTable {

    record Recipient(Channel channel, String target) {
    }

    private final JdbcTemplate jdbc;

    RecipientTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void replace(ProjectId projectId, List<String> webhookUrls, List<String> emailAddresses) {
        jdbc.update("DELETE FROM alert_recipient WHERE project_id = ?", projectId.value());
        insert(projectId, Channel.WEBHOOK, webhookUrls);
        insert(projectId, Channel.EMAIL, emailAddresses);
    }

    private void insert(ProjectId projectId, Channel channel, List<String> targets) {
        // The event's lists are distinct already when they come from the API; older or hand-made events may not be.
        List<String> distinct = targets.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i++) {
            jdbc.update("INSERT INTO alert_recipient (project_id, channel, target, list_index) VALUES (?, ?, ?, ?)",
                    projectId.value(), channel.name(), distinct.get(i), i);
        }
    }

    /** Webhooks first, each channel in the order the admin gave. */
    List<Recipient> of(ProjectId projectId) {
        return jdbc.query("""
                        SELECT channel, target FROM alert_recipient WHERE project_id = ?
                         ORDER BY CASE channel WHEN 'WEBHOOK' THEN 0 ELSE 1 END, list_index""",
                (rs, i) -> new Recipient(Channel.valueOf(rs.getString("channel")), rs.getString("target")),
                projectId.value());
    }

    void clear() {
        jdbc.update("DELETE FROM alert_recipient");
    }
}
