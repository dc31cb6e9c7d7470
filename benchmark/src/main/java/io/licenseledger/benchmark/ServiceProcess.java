package io.licenseledger.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One real service JVM started from its jar, its output in a log file; start-up is timed to health UP. */
final class ServiceProcess implements AutoCloseable {

    private static final Http HEALTH = new Http();

    /** As {@code ./ledger run} starts them: glibc's per-thread malloc arenas would otherwise add to each RSS. */
    private static final String SERVICE_MALLOC_ARENAS = "2";

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> jvmFlags;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    ServiceProcess(String name, Path jar, int port, List<String> jvmFlags, List<String> arguments, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first "
                    + "(mvn -B -DskipTests package from the repository root)");
        }
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.arguments = List.copyOf(arguments);
        this.log = logDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The command line, for the report (the admin token is masked). */
    List<String> commandLine() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        return command;
    }

    /** Starts the JVM and answers the time from process start until /actuator/health says UP. */
    Duration start(Duration timeout) {
        try {
            Files.writeString(log, "---- " + String.join(" ", Report.masked(commandLine())) + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(commandLine())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("MALLOC_ARENA_MAX", SERVICE_MALLOC_ARENAS);
            process = builder.start();
            awaitHealthy(started, timeout);
            return Duration.ofNanos(System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(long startedNanos, Duration timeout) {
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log + "\n" + tail());
            }
            try {
                Http.Response health = HEALTH.get(baseUrl() + "/actuator/health", null);
                if (health.status() == 200) { // UP, or DEGRADED with dead letters; DOWN is 503
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // keep polling until the deadline
            }
            Sleep.millis(50);
        }
        throw new IllegalStateException(name + " did not become healthy in " + timeout + "; see " + log + "\n" + tail());
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
    void killHard() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM and a graceful shutdown, then SIGKILL after 30 s. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
