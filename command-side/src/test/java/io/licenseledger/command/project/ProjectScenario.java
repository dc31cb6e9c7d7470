package io.licenseledger.command.project;

import io.licenseledger.command.authorization.AuthorizationDecision;
import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.usage.UsageAnswer;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.ProjectEvent;
import io.licenseledger.events.project.UsageRecorded;
import org.hamcrest.Matcher;
import org.hamcrest.StringDescription;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A specification of a project's decisions: given its events, when a command, then the literal events decided and
 * the answer or the refusal. The deciders run as the aggregate runs them ({@link ProjectDecisions}), with no Axon
 * and no Spring. The words are those of Axon's aggregate fixture.
 */
public final class ProjectScenario {

    private final UsageBatches batches;

    public ProjectScenario() {
        this(mock(UsageBatches.class));
    }

    /** @param batches the usage batches recorded before, for {@code ReportUsage} */
    public ProjectScenario(UsageBatches batches) {
        this.batches = batches;
    }

    public Given givenNoPriorActivity() {
        return new Given(ProjectState.initial());
    }

    public Given given(Object... events) {
        return given(List.of(events));
    }

    public Given given(List<?> events) {
        return givenNoPriorActivity().andGiven(events.toArray());
    }

    public final class Given {
        private final ProjectState state;

        private Given(ProjectState state) {
            this.state = state;
        }

        /** More events; a list among them stands for its events. */
        public Given andGiven(Object... events) {
            ProjectState after = state;
            for (Object event : ProjectFixtures.stream(events)) {
                after = after.evolve((ProjectEvent) event);
            }
            return new Given(after);
        }

        /** Commands decided before the one under test, their events folded in. */
        public Given andGivenCommands(Object... commands) {
            ProjectState after = state;
            for (Object command : commands) {
                after = ProjectDecisions.decide(after, command, batches).after();
            }
            return new Given(after);
        }

        public Then when(Object command) {
            try {
                Decision<?> decision = ProjectDecisions.decide(state, command, batches);
                return new Then(decision.events(), decision.answer(), null);
            } catch (RuntimeException refusal) {
                return new Then(List.of(), null, refusal);
            }
        }
    }

    public static final class Then {
        private final List<ProjectEvent> events;
        private final Object answer;
        private final RuntimeException failure;

        private Then(List<ProjectEvent> events, Object answer, RuntimeException failure) {
            this.events = events;
            this.answer = answer;
            this.failure = failure;
        }

        /** The events decided, in order; a list among {@code expected} stands for its events. */
        public Then expectEvents(Object... expected) {
            expectSuccessfulHandlerExecution();
            assertThat(List.<Object>copyOf(events)).containsExactlyElementsOf(ProjectFixtures.stream(expected));
            return this;
        }

        public Then expectNoEvents() {
            assertThat(events).isEmpty();
            return this;
        }

        /** A command that answers whether it changed anything: these {@code events}, and true. */
        public Then expectChanged(Object... events) {
            return expectEvents(events).expectResultMessagePayload(true);
        }

        /** A command that answers whether it changed anything: no event, and false. */
        public Then expectUnchanged() {
            return expectNoEvents().expectResultMessagePayload(false);
        }

        /** Accepted, and nothing to record: a repeat, or nothing to do. */
        public Then expectSuccessWithNoEvents() {
            return expectNoEvents().expectSuccessfulHandlerExecution();
        }

        /** Refused with {@code code} and a message naming {@code messageParts}, and nothing decided. */
        public Then expectRefusedRecordingNothing(ErrorCode code, String... messageParts) {
            return expectNoEvents().expectException(ProjectFixtures.ledgerException(code, messageParts));
        }

        /** The device is granted {@code authorization}, which the answer carries, and {@code alsoDecided} follow. */
        public Then expectGranted(DeviceAuthorized authorization, Object... alsoDecided) {
            return expectEvents(authorization, List.of(alsoDecided))
                    .expectResultMessagePayload(new AuthorizationDecision.Granted(authorization));
        }

        /** The refusal is recorded, and answered with its reason. */
        public Then expectRefused(AuthorizationRefused refusal) {
            return expectEvents(refusal)
                    .expectResultMessagePayloadMatching(ProjectFixtures.refusedFor(refusal.reason()));
        }

        /** The batch is recorded as {@code recorded}, then {@code alertsRaised}; the answer tells its standing. */
        public Then expectRecorded(UsageRecorded recorded, Object... alertsRaised) {
            return expectEvents(recorded, List.of(alertsRaised)).expectResultMessagePayload(new UsageAnswer(
                    recorded.batchId(), false, recorded.state(), recorded.unitsRecorded(),
                    recorded.unitsRemaining()));
        }

        public Then expectSuccessfulHandlerExecution() {
            assertThat(failure).as("the command was refused").isNull();
            return this;
        }

        public Then expectResultMessagePayload(Object expected) {
            expectSuccessfulHandlerExecution();
            assertThat(answer).isEqualTo(expected);
            return this;
        }

        public Then expectResultMessagePayloadMatching(Matcher<?> matcher) {
            expectSuccessfulHandlerExecution();
            assertMatches(matcher, answer);
            return this;
        }

        public Then expectException(Class<? extends Throwable> type) {
            assertThat(failure).isInstanceOf(type);
            return this;
        }

        public Then expectException(Matcher<?> matcher) {
            assertThat(failure).as("the command was not refused").isNotNull();
            assertMatches(matcher, failure);
            return this;
        }

        private static void assertMatches(Matcher<?> matcher, Object actual) {
            StringDescription mismatch = new StringDescription();
            matcher.describeMismatch(actual, mismatch);
            assertThat(matcher.matches(actual)).as("%s, but %s", StringDescription.toString(matcher), mismatch)
                    .isTrue();
        }
    }
}
