package io.licenseledger.query.projects;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.SqlTime;
import io.licenseledger.query.projects.ProjectSummary.AlertRecipients;
import io.licenseledger.query.projects.ProjectSummary.RefusalCount;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Tables {@code qry_project}, {@code qry_alert_recipient} and {@code qry_refusal_count}. */
@Repository
class ProjectTable {

    private static final RowMapper<ProjectListing> LISTING = (rs, i) -> new ProjectListing(
            rs.getString("project_id"), rs.getString("name"), SqlTime.instant(rs, "created_at"),
            splitAppIds(rs.getString("allowed_app_ids")), rs.getString("status"), rs.getString("status_note"),
            SqlTime.instant(rs, "status_changed_at"));

    private static final String WEBHOOK = "WEBHOOK";
    private static final String EMAIL = "EMAIL";

    private final JdbcTemplate jdbc;

    ProjectTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void save(ProjectId projectId, String name, Instant createdAt, Collection<String> allowedAppIds) {
        String appIds = joinAppIds(allowedAppIds);
        int updated = jdbc.update("UPDATE qry_project SET name = ?, allowed_app_ids = ? WHERE project_id = ?",
                name, appIds, projectId.value());
        if (updated == 0) {
            jdbc.update("INSERT INTO qry_project (project_id, name, created_at, allowed_app_ids) VALUES (?, ?, ?, ?)",
                    projectId.value(), name, SqlTime.utc(createdAt), appIds);
        }
    }

    void status(ProjectId projectId, String status, String note, Instant changedAt) {
        jdbc.update("UPDATE qry_project SET status = ?, status_note = ?, status_changed_at = ? WHERE project_id = ?",
                status, note, SqlTime.utc(changedAt), projectId.value());
    }

    void allowedApps(ProjectId projectId, Collection<String> allowedAppIds) {
        jdbc.update("UPDATE qry_project SET allowed_app_ids = ? WHERE project_id = ?", joinAppIds(allowedAppIds),
                projectId.value());
    }

    /** Replaces the project's recipients with these, in their order. */
    void alertRecipients(ProjectId projectId, List<String> webhookUrls, List<String> emailAddresses) {
        jdbc.update("DELETE FROM qry_alert_recipient WHERE project_id = ?", projectId.value());
        insertRecipients(projectId, WEBHOOK, webhookUrls);
        insertRecipients(projectId, EMAIL, emailAddresses);
    }

    void countRefusal(ProjectId projectId, ErrorCode reason, Instant refusedAt) {
        int updated = jdbc.update("""
                UPDATE qry_refusal_count SET refusals = refusals + 1, last_refused_at = ?
                 WHERE project_id = ? AND reason = ?""",
                SqlTime.utc(refusedAt), projectId.value(), reason.name());
        if (updated == 0) {
            jdbc.update("INSERT INTO qry_refusal_count (project_id, reason, refusals, last_refused_at) VALUES (?, ?, 1, ?)",
                    projectId.value(), reason.name(), SqlTime.utc(refusedAt));
        }
    }

    List<ProjectListing> page(Paging paging) {
        return jdbc.query("SELECT * FROM qry_project ORDER BY name, project_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                LISTING, paging.offset(), paging.size());
    }

    long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM qry_project", Long.class);
        return count == null ? 0 : count;
    }

    Optional<ProjectListing> find(ProjectId projectId) {
        return jdbc.query("SELECT * FROM qry_project WHERE project_id = ?", LISTING, projectId.value())
                .stream().findFirst();
    }

    List<RefusalCount> refusals(ProjectId projectId) {
        return jdbc.query("SELECT * FROM qry_refusal_count WHERE project_id = ? ORDER BY reason",
                (rs, i) -> new RefusalCount(rs.getString("reason"), rs.getLong("refusals"),
                        SqlTime.instant(rs, "last_refused_at")),
                projectId.value());
    }

    AlertRecipients alertRecipients(ProjectId projectId) {
        return new AlertRecipients(recipients(projectId, WEBHOOK), recipients(projectId, EMAIL));
    }

    void clear() {
        jdbc.update("DELETE FROM qry_alert_recipient");
        jdbc.update("DELETE FROM qry_refusal_count");
        jdbc.update("DELETE FROM qry_project");
    }

    private void insertRecipients(ProjectId projectId, String channel, List<String> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            jdbc.update("INSERT INTO qry_alert_recipient (project_id, channel, list_index, address) VALUES (?, ?, ?, ?)",
                    projectId.value(), channel, i, addresses.get(i));
        }
    }

    private List<String> recipients(ProjectId projectId, String channel) {
        return jdbc.queryForList(
                "SELECT address FROM qry_alert_recipient WHERE project_id = ? AND channel = ? ORDER BY list_index",
                String.class, projectId.value(), channel);
    }

    /** App ids are {@code [A-Za-z0-9._:-]}, so a comma separates them safely. */
    private static String joinAppIds(Collection<String> allowedAppIds) {
        return String.join(",", allowedAppIds.stream().sorted().toList());
    }

    private static List<String> splitAppIds(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
