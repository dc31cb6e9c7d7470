package io.licenseledger.benchmark;

import io.licenseledger.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The License Ledger benchmark: starts both service jars on a fresh embedded store, drives them over HTTP from this
 * JVM, prints a table of the figures against their targets and writes the same figures, with every detail, as JSON.
 * <pre>java -jar benchmark/target/benchmark.jar [--quick] [--out benchmark-results.json]</pre>
 */
public final class Benchmark {

    private final Options options;
    private final Plan plan;
    private final Report report = new Report();
    private Cluster cluster;
    private Profiler profiler;
    private MeasurementWindows windows;
    private ScenarioProjects projects;
    private double baselineCommitsPerSecond;

    private Benchmark(Options options) {
        this.options = options;
        this.plan = options.plan();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        System.exit(new Benchmark(options).run());
    }

    private int run() {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Map<String, Object> machine = MachineInfo.describe();
        Path workDir;
        try {
            workDir = options.workDir() != null ? Files.createDirectories(options.workDir())
                    : Files.createTempDirectory("ledger-benchmark-");
        } catch (IOException e) {
            System.err.println("cannot create a working directory: " + e.getMessage());
            return 1;
        }
        Console.step("License Ledger benchmark, " + plan.name() + " plan; machine: " + MachineInfo.summary(machine));
        Console.step("service JVM flags: " + String.join(" ", options.serviceJvm()) + "; store and logs in " + workDir);
        profiler = new Profiler(workDir);
        if (options.profile() && !profiler.available()) {
            Console.step("--profile needs jcmd in " + System.getProperty("java.home") + "/bin; profiling is off");
        }
        int status = 0;
        cluster = new Cluster(options, workDir);
        windows = new MeasurementWindows(cluster, profiler, options.profile());
        Thread cleanup = new Thread(this::killServices, "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Map<String, Phase> phases = new LinkedHashMap<>();
        phases.put("start", () -> startServices(workDir));
        phases.put("setup", () -> projects = ScenarioProjects.create(cluster, plan));
        phases.put("baseline", () -> baselineCommitsPerSecond = RawStoreBaseline.measure(cluster, plan, report,
                windows.window("raw store baseline", false, false)));
        phases.put("hot", () -> commandThroughput().hotPath(projects.hot()));
        phases.put("contention", () -> commandThroughput().newDevicesOnOneProject(projects.contention()));
        phases.put("usage", () -> commandThroughput().usage(projects.usage()));
        phases.put("lag", () -> new ProjectionLag(cluster, projects.lag(), projects.lagProbe())
                .measure(plan, report, windows.window("projection-lag", false, true), baselineCommitsPerSecond));
        phases.put("memory", () -> new PeakMemory(cluster, options, profiler, report).measure(projects.rss()));
        phases.put("durability", () -> new Durability(cluster)
                .measure(plan, projects.crash(), projects.contention(), report));
        phases.put("history", () -> new History(cluster, plan)
                .measure(workDir, report, windows.window("history", true, false)));
        phases.put("replay", () -> replay(workDir));
        phases.put("audit", () -> new AuditExport(cluster).measure(workDir, report));
        try {
            for (Map.Entry<String, Phase> phase : phases.entrySet()) {
                if (phase.getKey().equals("start") || phase.getKey().equals("setup")
                        || options.scenarios().contains(phase.getKey())) {
                    phase.getValue().run();
                    writeResults(startedAt, started, machine, false);
                }
            }
        } catch (Exception | AssertionError e) {
            status = 1;
            Console.step("FAILED: " + e);
            e.printStackTrace();
            report.add("benchmark", "aborted: " + e.getMessage(), null, false,
                    "see the service logs in " + cluster.logDir);
        } finally {
            cluster.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        double totalSeconds = writeResults(startedAt, started, machine, status == 0);

        System.out.println();
        System.out.println("License Ledger benchmark (" + plan.name() + " plan"
                + (plan.name().equals("quick") ? ": a smoke run, not comparable with the targets" : "") + ")");
        System.out.println("Machine: " + MachineInfo.summary(machine));
        System.out.println("Service JVM flags: " + String.join(" ", options.serviceJvm())
                + (options.serviceArguments().isEmpty() ? "" : "; arguments: " + options.serviceArguments()));
        System.out.println();
        System.out.print(report.table());
        windows.profiles().forEach(profile -> System.out.print(profile.text()));
        System.out.printf(Locale.ROOT, "%nTotal time %.0f s. JSON written to %s%n", totalSeconds,
                options.out().toAbsolutePath());
        if (options.keep()) {
            System.out.println("Store and logs kept in " + workDir);
        } else {
            delete(workDir);
        }
        return status;
    }

    @FunctionalInterface
    private interface Phase {
        void run() throws Exception;
    }

    /** Writes the JSON; after each phase too, so that an interrupted run leaves what it measured. */
    private double writeResults(Instant startedAt, long started, Map<String, Object> machine, boolean complete) {
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("benchmark", "License Ledger");
        header.put("complete", complete);
        header.put("plan", plan);
        header.put("startedAt", startedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        header.put("durationSeconds", Math.round(totalSeconds));
        header.put("machine", machine);
        header.put("serviceJvmFlags", options.serviceJvm());
        header.put("serviceArguments", options.serviceArguments());
        header.put("commandJar", options.commandJar().toString());
        header.put("queryJar", options.queryJar().toString());
        report.detail("profiles", windows.profiles());
        report.writeJson(options.out(), header);
        return totalSeconds;
    }

    // ---- phases

    /**
     * As on a machine where {@code ./ledger run} has run once since the build: a first start of both services, on a
     * scratch store, writes their class archives as they stop (its times are the baseline, no archive); the measured
     * start, on the fresh store, maps them.
     */
    private void startServices(Path workDir) {
        Console.step("training run: both services start once without a class archive and stop, writing it");
        Path store = cluster.dataDir();
        cluster.useStore(workDir.resolve("training-data"));
        Duration[] withoutArchive = startBoth();
        cluster.querySide.stop();
        cluster.commandSide.stop();
        cluster.useStore(store);
        Duration[] withArchive = startBoth();
        Duration command = withArchive[0];
        Duration query = withArchive[1];
        report.detail("startUp", Map.of("commandSideSeconds", command.toMillis() / 1000.0,
                "querySideSeconds", query.toMillis() / 1000.0,
                "commandSideSecondsWithoutArchive", withoutArchive[0].toMillis() / 1000.0,
                "querySideSecondsWithoutArchive", withoutArchive[1].toMillis() / 1000.0));
        report.add("start-up: command side (fresh store, runs the migrations)",
                Report.seconds(command) + " to health UP (" + Report.seconds(withoutArchive[0])
                        + " without the class archive: " + Report.ratio(command, withoutArchive[0]) + ")", "<= 10 s",
                command.toMillis() <= Cluster.START_UP_TARGET_S * 1000, null);
        report.add("start-up: query side (fresh store)", Report.seconds(query) + " to health UP ("
                        + Report.seconds(withoutArchive[1]) + " without the class archive: "
                        + Report.ratio(query, withoutArchive[1]) + ")", "<= 10 s",
                query.toMillis() <= Cluster.START_UP_TARGET_S * 1000, null);
    }

    private Duration[] startBoth() {
        cluster.commandSide = cluster.newCommandSide();
        cluster.querySide = cluster.newQuerySide();
        Console.step("starting the command side: " + String.join(" ", cluster.commandSide.commandLine()));
        Duration command = cluster.commandSide.start(Cluster.START_TIMEOUT);
        Console.step("command side healthy after " + Report.seconds(command) + "; starting the query side");
        Duration query = cluster.querySide.start(Cluster.START_TIMEOUT);
        Console.step("query side healthy after " + Report.seconds(query));
        return new Duration[]{command, query};
    }

    private CommandThroughput commandThroughput() {
        return new CommandThroughput(cluster, plan, report, windows, baselineCommitsPerSecond);
    }

    private void replay(Path workDir) throws SQLException {
        Replay replay = new Replay(cluster, windows.profilerWhenProfiling());
        replay.measure(plan, workDir, report, windows.window("replay", false, true));
        replay.startUpProfile().ifPresent(windows::keep);
    }

    private void killServices() {
        Stream.of(cluster.querySide, cluster.commandSide)
                .filter(service -> service != null && service.isAlive())
                .forEach(ServiceProcess::killHard);
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
