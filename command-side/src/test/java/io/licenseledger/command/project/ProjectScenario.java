package io.licenseledger.command.project;

import io.licenseledger.command.state.Decision;
import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.events.project.ProjectEvent;
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

        /** More events. */
        public Given andGiven(Object... events) {
            ProjectState after = state;
            for (Object event : events) {
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

        public Then expectEvents(Object... expected) {
            expectSuccessfulHandlerExecution();
            assertThat(List.<Object>copyOf(events)).containsExactly(expected);
            return this;
        }

        public Then expectNoEvents() {
            assertThat(events).isEmpty();
            return this;
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
