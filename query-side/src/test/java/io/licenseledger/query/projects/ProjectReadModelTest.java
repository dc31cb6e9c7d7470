package io.licenseledger.query.projects;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.query.Paging;
import io.licenseledger.query.BatchedProjectionContract;
import io.licenseledger.query.ProjectionBatches;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.query.projects.ProjectSummary.AlertRecipients;
import io.licenseledger.query.projects.ProjectSummary.RefusalCount;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectReadModelTest implements BatchedProjectionContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ProjectId SCANNER = new ProjectId("scanner");
    private static final ProjectId ARCHIVE = new ProjectId("archive");

    private final ProjectTable table = new ProjectTable(ReadModelDatabase.migrated());
    private final ProjectProjection projection = new ProjectProjection(table);
    private final ProjectQueries queries = new ProjectQueries(table);

    @Test
    void projectsAreListedByNameWithTheirCreationTimeAndAllowedApps() {
        projection.on(new ProjectCreated(SCANNER, "Scanner", "hash", Set.of(new AppId("b.app"), new AppId("a.app"))),
                T0);
        projection.on(new ProjectCreated(ARCHIVE, "Archive", "hash", Set.of()), T0.plusSeconds(60));

        assertThat(queries.handle(new FindProjects(new Paging(0, 50)))).isEqualTo(new ProjectPage(0, 50, 2, List.of(
                new ProjectListing("archive", "Archive", T0.plusSeconds(60), List.of(), "ACTIVE", null, null),
                new ProjectListing("scanner", "Scanner", T0, List.of("a.app", "b.app"), "ACTIVE", null, null))));
    }

    @Test
    void aPageHoldsAtMostItsSizeAndTheTotalCountsAll() {
        for (int i = 1; i <= 5; i++) {
            projection.on(new ProjectCreated(new ProjectId("p" + i), "Project " + i, "hash", Set.of()), T0);
        }

        ProjectPage second = queries.handle(new FindProjects(new Paging(1, 2)));

        assertThat(second.total()).isEqualTo(5);
        assertThat(second.projects()).extracting(ProjectListing::projectId).containsExactly("p3", "p4");
    }

    @Test
    void refusalsAreCountedPerReasonInTheProjectSummary() {
        projection.on(new ProjectCreated(SCANNER, "Scanner", "hash", Set.of()), T0);
        projection.on(refused(ErrorCode.QUOTA_EXCEEDED, T0.plusSeconds(10)));
        projection.on(refused(ErrorCode.APP_NOT_ALLOWED, T0.plusSeconds(20)));
        projection.on(refused(ErrorCode.QUOTA_EXCEEDED, T0.plusSeconds(30)));

        assertThat(queries.handle(new FindProject(SCANNER))).contains(new ProjectSummary("scanner", "Scanner", T0,
                List.of(), "ACTIVE", null, null, new AlertRecipients(List.of(), List.of()), List.of(
                        new RefusalCount("APP_NOT_ALLOWED", 1, T0.plusSeconds(20)),
                        new RefusalCount("QUOTA_EXCEEDED", 2, T0.plusSeconds(30)))));
    }

    @Test
    void anUnknownProjectIsAnEmptyAnswer() {
        assertThat(queries.handle(new FindProject(SCANNER))).isEmpty();
    }

    @Test
    void aRedeliveredProjectCreatedKeepsOneRowAndItsFirstTime() {
        ProjectCreated created = new ProjectCreated(SCANNER, "Scanner", "hash", Set.of());
        projection.on(created, T0);
        projection.on(created, T0.plusSeconds(5));

        assertThat(queries.handle(new FindProjects(new Paging(0, 10))).projects())
                .containsExactly(new ProjectListing("scanner", "Scanner", T0, List.of(), "ACTIVE", null, null));
    }

    @Test
    void theLatestStatusChangeIsShownWithItsNoteInTheListAndTheSummary() {
        projection.on(new ProjectCreated(SCANNER, "Scanner", "hash", Set.of()), T0);
        projection.on(new ProjectCreated(ARCHIVE, "Archive", "hash", Set.of()), T0);
        projection.on(new ProjectStatusChanged(SCANNER, LicenseStatus.SUSPENDED, "unpaid invoice", T0.plusSeconds(10)));
        projection.on(new ProjectStatusChanged(SCANNER, LicenseStatus.ACTIVE, "paid", T0.plusSeconds(20)));
        projection.on(new ProjectStatusChanged(ARCHIVE, LicenseStatus.REVOKED, "contract ended", T0.plusSeconds(30)));

        assertThat(queries.handle(new FindProjects(new Paging(0, 10))).projects()).containsExactly(
                new ProjectListing("archive", "Archive", T0, List.of(), "REVOKED", "contract ended", T0.plusSeconds(30)),
                new ProjectListing("scanner", "Scanner", T0, List.of(), "ACTIVE", "paid", T0.plusSeconds(20)));
        assertThat(queries.handle(new FindProject(ARCHIVE))).get()
                .extracting(ProjectSummary::status, ProjectSummary::statusNote, ProjectSummary::statusChangedAt)
                .containsExactly("REVOKED", "contract ended", T0.plusSeconds(30));
    }

    @Test
    void changedAllowedAppsReplaceTheOnesTheProjectWasCreatedWith() {
        projection.on(new ProjectCreated(SCANNER, "Scanner", "hash", Set.of(new AppId("a.app"))), T0);

        projection.on(new AllowedAppsChanged(SCANNER, Set.of(new AppId("c.app"), new AppId("b.app"))));
        assertThat(queries.handle(new FindProject(SCANNER))).get().extracting(ProjectSummary::allowedAppIds)
                .isEqualTo(List.of("b.app", "c.app"));

        projection.on(new AllowedAppsChanged(SCANNER, Set.of()));
        assertThat(queries.handle(new FindProjects(new Paging(0, 10))).projects())
                .extracting(ProjectListing::allowedAppIds).containsExactly(List.of());
    }

    @Test
    void alertRecipientsAreShownInTheirOrderAndEachChangeReplacesThemAll() {
        projection.on(new ProjectCreated(SCANNER, "Scanner", "hash", Set.of()), T0);
        projection.on(new AlertRecipientsChanged(SCANNER,
                List.of("https://hooks.example.com/z?a=1,2", "https://hooks.example.com/a"), List.of("ops@example.com")));
        AlertRecipientsChanged latest = new AlertRecipientsChanged(SCANNER,
                List.of("https://hooks.example.com/b", "https://hooks.example.com/a?x=1,2"), List.of());

        projection.on(latest);
        projection.on(latest);

        assertThat(queries.handle(new FindProject(SCANNER))).get().extracting(ProjectSummary::alertRecipients)
                .isEqualTo(new AlertRecipients(
                        List.of("https://hooks.example.com/b", "https://hooks.example.com/a?x=1,2"), List.of()));
    }

    private static AuthorizationRefused refused(ErrorCode reason, Instant at) {
        return new AuthorizationRefused(SCANNER, new DeviceId("d-1"), null, reason, at);
    }

    @Override
    public void aBatchWritesWhatItsEventsWriteOneByOne(JdbcTemplate oneByOne, JdbcTemplate inOneBatch)
            throws Exception {
        List<Object> events = List.of(
                new GenericEventMessage<>(UUID.randomUUID().toString(), new ProjectCreated(SCANNER, "Scanner", "hash",
                        Set.of(new AppId("a.app"))), Map.of(), T0),
                new ProjectStatusChanged(ARCHIVE, LicenseStatus.REVOKED, "no such project yet", T0),
                refused(ErrorCode.QUOTA_EXCEEDED, T0.plusSeconds(10)),
                refused(ErrorCode.APP_NOT_ALLOWED, T0.plusSeconds(20)),
                refused(ErrorCode.QUOTA_EXCEEDED, T0.plusSeconds(30)),
                new AlertRecipientsChanged(SCANNER, List.of("https://a.example.com", "https://b.example.com"),
                        List.of("ops@example.com")),
                new AlertRecipientsChanged(SCANNER, List.of("https://c.example.com"), List.of()),
                new ProjectStatusChanged(SCANNER, LicenseStatus.SUSPENDED, "unpaid", T0.plusSeconds(40)),
                new AllowedAppsChanged(SCANNER, Set.of(new AppId("b.app"))));

        ProjectionBatches.assertSameRows(jdbc -> new ProjectProjection(new ProjectTable(jdbc)), oneByOne, inOneBatch,
                events, "qry_project", "qry_alert_recipient", "qry_refusal_count");
        assertThat(new ProjectQueries(new ProjectTable(inOneBatch)).handle(new FindProject(SCANNER))).contains(
                new ProjectSummary("scanner", "Scanner", T0, List.of("b.app"), "SUSPENDED", "unpaid",
                        T0.plusSeconds(40), new AlertRecipients(List.of("https://c.example.com"), List.of()), List.of(
                        new RefusalCount("APP_NOT_ALLOWED", 1, T0.plusSeconds(20)),
                        new RefusalCount("QUOTA_EXCEEDED", 2, T0.plusSeconds(30)))));
    }
}
