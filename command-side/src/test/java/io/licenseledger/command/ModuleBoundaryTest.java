package io.licenseledger.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The command side and the query side meet only in shared-events: neither may see the other's classes. */
class ModuleBoundaryTest {

    @Test
    void noQuerySideClassIsOnTheCommandSidesClasspath() throws Exception {
        ClassLoader loader = getClass().getClassLoader();

        assertThat(loader.getResources("io/licenseledger/query").hasMoreElements()).isFalse();
        assertThat(catchThrowable(() -> Class.forName("io.licenseledger.query.projects.ProjectResource", false,
                loader))).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theCheckWouldSeeAPackageThatIsThere() throws Exception {
        assertThat(getClass().getClassLoader().getResources("io/licenseledger/events").hasMoreElements()).isTrue();
    }
}
