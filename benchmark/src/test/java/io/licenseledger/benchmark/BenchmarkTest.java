package io.licenseledger.benchmark;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkTest {

    @Test
    void aUsageBatchIsTheSdkRequestWithTheEntriesAsked() {
        JsonNode body = Http.JSON.readTree(Cluster.usageBody("LL1.key", "device-1", "b-1", 100));

        assertThat(body.path("licenseKey").asString()).isEqualTo("LL1.key");
        assertThat(body.path("batchId").asString()).isEqualTo("b-1");
        assertThat(body.path("entries").size()).isEqualTo(100);
        assertThat(body.path("entries").path(0).path("units").asInt()).isBetween(1, 5);
        assertThat(body.path("entries").path(3).has("feature")).as("some entries name no feature").isFalse();
    }

    @Test
    void theQuickPlanAndOverridesComeFromTheCommandLine() {
        Options options = Options.parse(new String[]{"--quick", "--out", "x.json", "--rss-devices=2000",
                "--replay-budget", "0", "--command-jar", "/tmp/c.jar", "--service-arg=--axon.timeout.enabled=false",
                "--repo", ".."});

        assertThat(options.plan().name()).isEqualTo("quick");
        assertThat(options.plan().rssDevices()).isEqualTo(2000);
        assertThat(options.plan().replayBudget()).as("0 is no limit").isEqualTo(Duration.ofDays(1));
        assertThat(options.out()).isEqualTo(Path.of("x.json"));
        assertThat(options.commandJar()).isEqualTo(Path.of("/tmp/c.jar"));
        assertThat(options.serviceArguments()).containsExactly("--axon.timeout.enabled=false");
        assertThat(options.serviceJvm()).as("the launcher's flags, from config/service.jvm")
                .contains("-Xmx256m", "-XX:+UseSerialGC").noneMatch(flag -> flag.startsWith("#") || flag.isBlank());
    }

    @Test
    void jvmFlagsGivenOnTheCommandLineReplaceTheLaunchersFlags() {
        Options options = Options.parse(new String[]{"--repo", "..", "--jvm", "-Xmx1g  -XX:+UseG1GC"});

        assertThat(options.serviceJvm()).containsExactly("-Xmx1g", "-XX:+UseG1GC");
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> Options.parse(new String[]{"--fast"})).isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("--fast");
    }
}
