package io.licenseledger.query.projects;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.Paging;
import io.licenseledger.query.SqlTime;
import io.licenseledger.query.projects.ProjectSummary.RefusalCount;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Tables {@code qry_project} and {@code qry_refusal_count}. */
@Repository
class ProjectTable {

    private static final RowMapper<ProjectListing> LISTING = (rs, i) -> new ProjectListing(
            rs.getString("project_id"), rs.getString("name"), SqlTime.instant(rs, "created_at"),
            splitAppIds(rs.getString("allowed_app_ids")));

    private final JdbcTemplate jdbc;

    ProjectTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void save(ProjectId projectId, String name, Instant createdAt, Collection<String> allowedAppIds) {
        String appIds = String.join(",", allowedAppIds.stream().sorted().toList());
        int updated = jdbc.update("UPDATE qry_project SET name = ?, allowed_app_ids = ? WHERE project_id = ?",
                name, appIds, projectId.value());
        if (updated == 0) {
            jdbc.update("INSERT INTO qry_project (project_id, name, created_at, allowed_app_ids) VALUES (?, ?, ?, ?)",
                    projectId.value(), name, SqlTime.utc(createdAt), appIds);
        }
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

    void clear() {
        jdbc.update("DELETE FROM qry_refusal_count");
        jdbc.update("DELETE FROM qry_project");
    }

    private static List<String> splitAppIds(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
