package io.licenseledger.query;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side knows the command side only through the events in shared-events (house style). */
class ModuleBoundaryTest {

    private final PathMatchingResourcePatternResolver classpath = new PathMatchingResourcePatternResolver();

    @Test
    void noCommandSideClassIsOnTheClasspath() throws IOException {
        assertThat(classpath.getResources("classpath*:io/licenseledger/query/**/*.class"))
                .as("the scan sees this module's own classes").isNotEmpty();
        assertThat(classpath.getResources("classpath*:io/licenseledger/events/**/*.class"))
                .as("the scan sees the shared events").isNotEmpty();

        assertThat(classpath.getResources("classpath*:io/licenseledger/command/**/*.class")).isEmpty();
    }
}
