package io.licenseledger.query.projects;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.query.Paging;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.query.projects.ProjectSummary.RefusalCount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectReadModelTest {

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
                new ProjectListing("archive", "Archive", T0.plusSeconds(60), List.of()),
                new ProjectListing("scanner", "Scanner", T0, List.of("a.app", "b.app")))));
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
                List.of(), List.of(
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
                .containsExactly(new ProjectListing("scanner", "Scanner", T0, List.of()));
    }

    @Test
    void aResetEmptiesTheReadModelForAReplay() {
        projection.on(new ProjectCreated(SCANNER, "Scanner", "hash", Set.of()), T0);
        projection.on(refused(ErrorCode.QUOTA_EXCEEDED, T0));

        projection.reset();

        assertThat(queries.handle(new FindProjects(new Paging(0, 10))).total()).isZero();
        assertThat(table.refusals(SCANNER)).isEmpty();
    }

    private static AuthorizationRefused refused(ErrorCode reason, Instant at) {
        return new AuthorizationRefused(SCANNER, new DeviceId("d-1"), null, reason, at);
    }
}
