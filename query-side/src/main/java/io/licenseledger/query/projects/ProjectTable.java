package io.licenseledger.query.projects;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.BatchedWrites;
import io.licenseledger.query.Paging;
import io.licenseledger.query.RowCount;
import io.licenseledger.query.TableRows;
import io.licenseledger.query.TableRows.Table;
import io.licenseledger.query.projects.ProjectSummary.AlertRecipients;
import io.licenseledger.query.projects.ProjectSummary.RefusalCount;
import io.licenseledger.service.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import static io.licenseledger.query.TableRows.Column.bigint;
import static io.licenseledger.query.TableRows.Column.integer;
import static io.licenseledger.query.TableRows.Column.text;
import static io.licenseledger.query.TableRows.Column.time;

/** Tables {@code qry_project}, {@code qry_alert_recipient} and {@code qry_refusal_count}. */
@Repository
class ProjectTable {

    private static final RowMapper<ProjectListing> LISTING = (rs, i) -> new ProjectListing(
            rs.getString("project_id"), rs.getString("name"), SqlTime.instant(rs, "created_at"),
            splitAppIds(rs.getString("allowed_app_ids")), rs.getString("status"), rs.getString("status_note"),
            SqlTime.instant(rs, "status_changed_at"));

    private static final String WEBHOOK = "WEBHOOK";
    private static final String EMAIL = "EMAIL";

    private static final Table PROJECTS = new Table("qry_project", List.of(text("project_id"), text("name"),
            time("created_at"), text("allowed_app_ids"), text("status"), text("status_note"),
            time("status_changed_at")), List.of("project_id"));
    private static final Table RECIPIENTS = new Table("qry_alert_recipient", List.of(text("project_id"),
            text("channel"), integer("list_index"), text("address")), List.of("project_id", "channel", "list_index"),
            List.of("project_id"));
    private static final Table REFUSALS = new Table("qry_refusal_count", List.of(text("project_id"), text("reason"),
            bigint("refusals"), time("last_refused_at")), List.of("project_id", "reason"));

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    ProjectTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, PROJECTS, RECIPIENTS, REFUSALS);
    }

    void save(ProjectId projectId, String name, Instant createdAt, Collection<String> allowedAppIds) {
        String appIds = joinAppIds(allowedAppIds);
        updateProject(projectId, (projects, project) -> {
            if (project == null) {
                projects.insert(projectId.value()).set("created_at", createdAt).set("status", "ACTIVE")
                        .set("name", name).set("allowed_app_ids", appIds);
            } else {
                project.set("name", name).set("allowed_app_ids", appIds);
            }
        });
    }

    void status(ProjectId projectId, String status, String note, Instant changedAt) {
        updateProject(projectId, (projects, project) -> {
            if (project != null) {
                project.set("status", status).set("status_note", note).set("status_changed_at", changedAt);
            }
        });
    }

    void allowedApps(ProjectId projectId, Collection<String> allowedAppIds) {
        String appIds = joinAppIds(allowedAppIds);
        updateProject(projectId, (projects, project) -> {
            if (project != null) {
                project.set("allowed_app_ids", appIds);
            }
        });
    }

    /** Replaces the project's recipients with these, in their order. */
    void alertRecipients(ProjectId projectId, List<String> webhookUrls, List<String> emailAddresses) {
        writes.record(batch -> batch.rows(RECIPIENTS).want(projectId.value()), batch -> {
            TableRows recipients = batch.rows(RECIPIENTS);
            recipients.lookup(projectId.value()).forEach(recipients::remove);
            insertRecipients(recipients, projectId, WEBHOOK, webhookUrls);
            insertRecipients(recipients, projectId, EMAIL, emailAddresses);
        });
    }

    void countRefusal(ProjectId projectId, ErrorCode reason, Instant refusedAt) {
        writes.record(batch -> batch.rows(REFUSALS).want(projectId.value(), reason.name()), batch -> {
            TableRows refusals = batch.rows(REFUSALS);
            TableRows.Row count = refusals.find(projectId.value(), reason.name());
            if (count == null) {
                count = refusals.insert(projectId.value(), reason.name()).set("refusals", 0L);
            }
            count.set("refusals", count.bigint("refusals") + 1).set("last_refused_at", refusedAt);
        });
    }

    List<ProjectListing> page(Paging paging) {
        return jdbc.query("SELECT * FROM qry_project ORDER BY name, project_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                LISTING, paging.offset(), paging.size());
    }

    long count() {
        return RowCount.of(jdbc, "SELECT COUNT(*) FROM qry_project");
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

    private void updateProject(ProjectId projectId, BiConsumer<TableRows, TableRows.Row> change) {
        writes.record(batch -> batch.rows(PROJECTS).want(projectId.value()), batch -> {
            TableRows projects = batch.rows(PROJECTS);
            change.accept(projects, projects.find(projectId.value()));
        });
    }

    private static void insertRecipients(TableRows recipients, ProjectId projectId, String channel,
                                         List<String> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            recipients.insert(projectId.value(), channel, i).set("address", addresses.get(i));
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
