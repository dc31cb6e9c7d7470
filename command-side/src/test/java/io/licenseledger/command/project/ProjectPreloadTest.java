package io.licenseledger.command.project;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseImported;
import io.licenseledger.events.project.ProjectCreated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.licenseledger.command.project.ProjectFixtures.CREDENTIAL_HASH;
import static io.licenseledger.command.project.ProjectFixtures.LICENSE;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class ProjectPreloadTest {

    @Test
    void loadsTheProjectsWithTheLatestEventsMostRecentFirstWithinItsLimits() {
        try (ProjectStore store = ProjectStore.inMemory(new ProjectSnapshots().projectSnapshotFilter())) {
            // prj-old's only event falls out of the last 4 events; the license is no project.
            append(store, "prj-old", 0);
            append(store, "prj-a", 0);
            append(store, "prj-b", 0);
            store.eventStore.publish(new GenericDomainEventMessage<>("License", LICENSE.value(), 0,
                    new LicenseImported(LICENSE, "Customer", NOW, "kid", "a".repeat(64), List.of())));
            append(store, "prj-a", 1);
            CommandGateway commands = mock(CommandGateway.class);

            new ProjectPreload(store.jdbc, commands, 10, 4, Duration.ofSeconds(5)).run(null);

            ArgumentCaptor<Object> loaded = ArgumentCaptor.forClass(Object.class);
            verify(commands, times(2)).sendAndWait(loaded.capture(), anyLong(), eq(TimeUnit.NANOSECONDS));
            assertThat(loaded.getAllValues()).containsExactly(new LoadProject(new ProjectId("prj-a")),
                    new LoadProject(new ProjectId("prj-b")));

            CommandGateway limited = mock(CommandGateway.class);
            new ProjectPreload(store.jdbc, limited, 1, 4, Duration.ofSeconds(5)).run(null);
            verify(limited).sendAndWait(eq(new LoadProject(new ProjectId("prj-a"))), anyLong(),
                    eq(TimeUnit.NANOSECONDS));
        }
    }

    @Test
    void loadingAProjectRecordsNothing() {
        try (ProjectStore store = ProjectStore.inMemory(new ProjectSnapshots().projectSnapshotFilter())) {
            store.handle(ProjectFixtures.PROJECT.value(), new CreateProject(ProjectFixtures.PROJECT, "Scanner app",
                    CREDENTIAL_HASH, Set.of()));
            store.handle(ProjectFixtures.PROJECT.value(), authorize("dev-1", NOW));

            ProjectStore.Outcome outcome = store.handle(ProjectFixtures.PROJECT.value(),
                    new LoadProject(ProjectFixtures.PROJECT));

            assertThat(outcome.failure()).isNull();
            assertThat(outcome.events()).isEmpty();
        }
    }

    private static void append(ProjectStore store, String projectId, long sequence) {
        store.eventStore.publish(new GenericDomainEventMessage<>(ProjectSnapshots.AGGREGATE_TYPE, projectId, sequence,
                sequence == 0
                        ? new ProjectCreated(new ProjectId(projectId), "Project", CREDENTIAL_HASH, Set.of())
                        : new ProjectCreated(new ProjectId(projectId), "Project again", CREDENTIAL_HASH, Set.of())));
    }
}
