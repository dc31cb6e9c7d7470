package io.licenseledger.command;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.function.Consumer;

/**
 * Lets Axon's fixture, which takes Hamcrest matchers, check a result or an exception with AssertJ: the matcher
 * matches when the AssertJ requirements pass, and shows their failure message when they do not.
 */
public final class Satisfying<T> extends TypeSafeDiagnosingMatcher<T> {

    private final Class<T> type;
    private final Consumer<T> requirements;

    private Satisfying(Class<T> type, Consumer<T> requirements) {
        super(type);
        this.type = type;
        this.requirements = requirements;
    }

    public static <T> Matcher<T> satisfying(Class<T> type, Consumer<T> requirements) {
        return new Satisfying<>(type, requirements);
    }

    @Override
    protected boolean matchesSafely(T actual, Description mismatch) {
        try {
            requirements.accept(actual);
            return true;
        } catch (AssertionError failure) {
            mismatch.appendText(failure.getMessage());
            return false;
        }
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a " + type.getSimpleName() + " satisfying the test's requirements");
    }
}
