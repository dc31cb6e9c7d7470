package io.licenseledger.command.project;

import io.licenseledger.command.quota.AddQuota;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.events.AppId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.ProjectCreated;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.project.ProjectFixtures.CREDENTIAL_HASH;
import static io.licenseledger.command.project.ProjectFixtures.LICENSE;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.Mockito.mock;

class ProjectTest {

    private static final LicenseItem SEATS = perDevice("seats-1", 10, "PERCENT(10)", TERM_START, TERM_END);
    private static final LicenseItem UNITS = perUsage("units-1", 1000, "PERCENT(5)", TERM_START, TERM_END);

    private AggregateTestFixture<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
        fixture.registerInjectableResource(mock(UsageBatches.class));
    }

    @Test
    void creatingAProjectRecordsOnlyTheCredentialHashAndTheAllowedApps() {
        Set<AppId> apps = Set.of(new AppId("com.acme.scanner"));

        fixture.givenNoPriorActivity()
                .when(new CreateProject(PROJECT, "Scanner app", CREDENTIAL_HASH, apps))
                .expectEvents(new ProjectCreated(PROJECT, "Scanner app", CREDENTIAL_HASH, apps));
    }

    static Stream<Arguments> itemsAttached() {
        return Stream.of(
                arguments(named("attaching an item adds its quota to the project", List.of(created())), SEATS),
                arguments(named("attaching another item keeps the ones already attached",
                        List.of(created(), attached(SEATS))), UNITS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itemsAttached")
    void attachingAnItemIsRecordedAndAnswersTrue(List<Object> history, LicenseItem item) {
        fixture.given(history)
                .when(new AddQuota(PROJECT, LICENSE, item))
                .expectEvents(new QuotaAdded(PROJECT, LICENSE, item))
                .expectResultMessagePayload(true);
    }

    @Test
    void attachingAnItemAlreadyAttachedHereRecordsNothingAndAnswersFalse() {
        fixture.given(created(), attached(SEATS))
                .when(new AddQuota(PROJECT, LICENSE, SEATS))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void attachingToAProjectThatDoesNotExistFailsAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new AddQuota(PROJECT, LICENSE, SEATS))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
