package io.licenseledger.benchmark;

import io.licenseledger.events.licensing.LicenseItem;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The License Ledger benchmark: starts both service jars on a fresh embedded store, drives them over HTTP from this
 * JVM, prints a table of the figures against their targets and writes the same figures, with every detail, as JSON.
 * <pre>java -jar benchmark/target/benchmark.jar [--quick] [--out benchmark-results.json]</pre>
 */
public final class Benchmark {

    static final double AUTHORIZE_TARGET = 5_000;
    static final double AUTHORIZE_P99_TARGET_MS = 50;
    static final double CONTENTION_TARGET = 2_000;
    static final double USAGE_ENTRIES_TARGET = 50_000;
    static final double LAG_P99_TARGET_MS = 500;
    static final double REPLAY_TARGET = 50_000;
    static final double RSS_TARGET_MB = 512;
    static final double START_UP_TARGET_S = 10;
    static final double LEDGER_BYTES_PER_EVENT_TARGET = 1_024;
    static final double FIRST_COMMAND_AFTER_RESTART_TARGET_MS = 300;
    static final double HISTORY_P99_RATIO_TARGET = 1.5;
    static final int HISTORY_DEVICES = 100_000;

    private final Options options;
    private final Plan plan;
    private final Report report = new Report();
    private final List<Profiler.Profile> profiles = new ArrayList<>();
    private Cluster cluster;
    private Profiler profiler;
    private double baselineCommitsPerSecond;

    // what the setup created
    private final List<Cluster.Project> hotProjects = new ArrayList<>();
    private final List<Cluster.Project> usageProjects = new ArrayList<>();
    private final List<Cluster.Project> lagProjects = new ArrayList<>();
    private final List<Cluster.Project> rssProjects = new ArrayList<>();
    private Cluster.Project contentionProject;
    private Cluster.Project lagProbe;
    private Cluster.Project crashProject;

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
        Thread cleanup = new Thread(this::killServices, "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Map<String, Phase> phases = new LinkedHashMap<>();
        phases.put("start", this::startServices);
        phases.put("setup", this::setUp);
        phases.put("baseline", this::rawStoreBaseline);
        phases.put("hot", this::hotPath);
        phases.put("contention", this::contention);
        phases.put("usage", this::usage);
        phases.put("lag", this::projectionLag);
        phases.put("memory", this::memoryWithRegisteredDevices);
        phases.put("durability", this::durability);
        phases.put("history", () -> history(workDir));
        phases.put("replay", () -> replay(workDir));
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
        profiles.forEach(profile -> System.out.print(profile.text()));
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
        report.detail("profiles", profiles);
        report.writeJson(options.out(), header);
        return totalSeconds;
    }

    // ---- phases

    private void startServices() {
        cluster.commandSide = cluster.newCommandSide();
        cluster.querySide = cluster.newQuerySide();
        Console.step("starting the command side: " + String.join(" ", Report.masked(cluster.commandSide.commandLine())));
        Duration command = cluster.commandSide.start(Cluster.START_TIMEOUT);
        Console.step("command side healthy after " + seconds(command) + "; starting the query side");
        Duration query = cluster.querySide.start(Cluster.START_TIMEOUT);
        Console.step("query side healthy after " + seconds(query));
        report.detail("startUp", Map.of("commandSideSeconds", command.toMillis() / 1000.0,
                "querySideSeconds", query.toMillis() / 1000.0));
        report.add("start-up: command side (fresh store, runs the migrations)", seconds(command) + " to health UP",
                "<= 10 s", command.toMillis() <= START_UP_TARGET_S * 1000, null);
        report.add("start-up: query side (fresh store)", seconds(query) + " to health UP", "<= 10 s",
                query.toMillis() <= START_UP_TARGET_S * 1000, null);
    }

    private void setUp() throws Exception {
        Console.step("setting up: one license, " + (plan.hotProjects() + 1 + plan.usageProjects() + plan.lagProjects()
                + 1 + rssProjectCount() + 1) + " projects, " + plan.hotProjects() * plan.devicesPerProject()
                + " registered devices");
        List<LicenseItem> items = new ArrayList<>();
        long seats = 1_000_000;
        for (int i = 0; i < plan.hotProjects(); i++) {
            items.add(Cluster.seats("hot-" + i, seats));
        }
        items.add(Cluster.seats("contention", seats));
        for (int i = 0; i < plan.usageProjects(); i++) {
            items.add(Cluster.units("usage-" + i, 1_000_000_000_000L));
        }
        for (int i = 0; i < plan.lagProjects(); i++) {
            items.add(Cluster.seats("lag-" + i, seats));
        }
        items.add(Cluster.seats("lag-probe", seats));
        for (int i = 0; i < rssProjectCount(); i++) {
            items.add(Cluster.seats("rss-" + i, seats));
        }
        items.add(Cluster.seats("crash", seats));
        cluster.importLicense("BENCH-" + System.currentTimeMillis(), items);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            hotProjects.addAll(createProjects(pool, "hot", plan.hotProjects()));
            usageProjects.addAll(createProjects(pool, "usage", plan.usageProjects()));
            lagProjects.addAll(createProjects(pool, "lag", plan.lagProjects()));
            rssProjects.addAll(createProjects(pool, "rss", rssProjectCount()));
            contentionProject = cluster.createProject("contention", "contention");
            lagProbe = cluster.createProject("lag-probe", "lag-probe");
            crashProject = cluster.createProject("crash", "crash");

            List<Future<?>> registrations = new ArrayList<>();
            for (int p = 0; p < hotProjects.size(); p++) {
                Cluster.Project project = hotProjects.get(p);
                registrations.add(pool.submit(() -> {
                    for (int d = 0; d < plan.devicesPerProject(); d++) {
                        cluster.authorize(project, "hot-device-" + d).expect(200, "registration");
                    }
                    return null;
                }));
            }
            for (Cluster.Project project : usageProjects) {
                registrations.add(pool.submit(() -> {
                    for (int d = 0; d < USAGE_DEVICES_PER_PROJECT; d++) {
                        cluster.authorize(project, "usage-device-" + d).expect(200, "usage device registration");
                    }
                    return null;
                }));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static final int USAGE_DEVICES_PER_PROJECT = 8;

    private int rssProjectCount() {
        return plan.name().equals("quick") ? 8 : 32;
    }

    private List<Cluster.Project> createProjects(ExecutorService pool, String prefix, int count) throws Exception {
        List<Future<Cluster.Project>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String item = prefix + "-" + i;
            futures.add(pool.submit(() -> cluster.createProject(item, item)));
        }
        List<Cluster.Project> projects = new ArrayList<>();
        for (Future<Cluster.Project> future : futures) {
            projects.add(future.get());
        }
        return projects;
    }

    private void rawStoreBaseline() throws SQLException {
        Console.step("raw store baseline: single-row insert + commit from " + plan.clientThreads()
                + " threads into the services' database (" + plan.baselineMeasure().toSeconds() + " s)");
        Load.Result baseline = RawStoreBaseline.run(cluster, plan.clientThreads(), Duration.ofSeconds(2),
                plan.baselineMeasure(), measured("raw store baseline", false, false));
        baselineCommitsPerSecond = baseline.throughput();
        report.detail("rawStoreBaseline", baseline);
        report.add("raw store baseline: single-row insert + commit, same H2 file and URL (WRITE_DELAY=0)",
                Report.rate(baseline.throughput(), "commits") + ", " + Report.percentiles(baseline.latency()),
                null, null, "each scenario's figure is also given as a ratio to this; " + Report.cores(baseline.cpuCores()));
    }

    private void hotPath() {
        Console.step("authorize, registered devices: closed loop, " + plan.clientThreads() + " threads over "
                + hotProjects.size() + " projects (" + plan.firstWarmUp().toSeconds() + " s warm-up, "
                + plan.measure().toSeconds() + " s measured)");
        Load.Call call = (thread, sequence) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Cluster.Project project = hotProjects.get(random.nextInt(hotProjects.size()));
            return cluster.authorize(project, "hot-device-" + random.nextInt(plan.devicesPerProject()));
        };
        Load.Result closed = Load.closedLoop("authorize (registered)", plan.clientThreads(), plan.firstWarmUp(),
                plan.measure(), call, measured("authorize-registered", true, false));
        report.detail("authorizeRegistered", closed);
        report.add("authorize, devices already registered (hot path)",
                Report.rate(closed.throughput(), "authorizations") + ", " + Report.percentiles(closed.latency())
                        + ratio(closed.throughput()),
                ">= 5,000/s, p99 <= 50 ms",
                closed.throughput() >= AUTHORIZE_TARGET && closed.latency().p99() <= AUTHORIZE_P99_TARGET_MS,
                failures(closed) + Report.cores(closed.cpuCores()));

        double rate = Math.min(AUTHORIZE_TARGET, Math.max(20, Math.floor(closed.throughput() * 0.8)));
        Console.step(String.format(Locale.ROOT, "authorize, registered devices: fixed rate %,.0f/s (80%% of the "
                + "closed-loop rate, capped at the target), latency from the due time", rate));
        Load.Result fixed = Load.fixedRate("authorize (registered), fixed rate", rate, 64, plan.warmUp(),
                plan.measure(), Duration.ofSeconds(5), call, measured("authorize-registered-fixed", false, false));
        report.detail("authorizeRegisteredFixedRate", fixed);
        boolean kept = fixed.dropped() == 0 && fixed.throughput() >= rate * 0.95;
        report.add("  same, at a fixed rate (coordinated omission corrected)",
                String.format(Locale.ROOT, "%s at %,.0f/s offered (%,.0f/s done)", Report.percentiles(fixed.latency()),
                        rate, fixed.throughput()),
                "p99 <= 50 ms", kept && fixed.latency().p99() <= AUTHORIZE_P99_TARGET_MS,
                (fixed.dropped() > 0 ? fixed.dropped() + " requests more than 5 s late were not sent; " : "")
                        + failures(fixed) + Report.cores(fixed.cpuCores()));
    }

    private void contention() {
        Console.step("authorize, new devices on one project: closed loop, " + plan.clientThreads() + " threads ("
                + plan.measure().toSeconds() + " s measured)");
        AtomicLong devices = new AtomicLong();
        Load.Result result = Load.closedLoop("authorize (new, one project)", plan.clientThreads(), plan.warmUp(),
                plan.measure(),
                (thread, sequence) -> cluster.authorize(contentionProject, "one-" + devices.getAndIncrement()),
                measured("authorize-new-one-project", true, false));
        report.detail("authorizeNewOneProject", result);
        report.add("authorize, new devices, all on one project (one seat count)",
                Report.rate(result.throughput(), "authorizations") + ", " + Report.percentiles(result.latency())
                        + ratio(result.throughput()),
                ">= 2,000/s", result.throughput() >= CONTENTION_TARGET,
                failures(result) + Report.cores(result.cpuCores()));
    }

    private void usage() {
        Console.step("usage reports of " + plan.usageEntries() + " entries: closed loop, " + plan.clientThreads()
                + " threads over " + usageProjects.size() + " projects (" + plan.measure().toSeconds() + " s measured)");
        Load.Result result = Load.closedLoop("usage batches", plan.clientThreads(), plan.warmUp(), plan.measure(),
                (thread, sequence) -> {
                    Cluster.Project project = usageProjects.get(thread % usageProjects.size());
                    String device = "usage-device-" + ThreadLocalRandom.current().nextInt(USAGE_DEVICES_PER_PROJECT);
                    return cluster.http.postJson(cluster.command("/api/v1/usage"),
                            usageBody(project.licenseKey(), device, "b-" + thread + "-" + sequence,
                                    plan.usageEntries()), null);
                }, measured("usage", true, false));
        report.detail("usage", result);
        double entries = result.throughput() * plan.usageEntries();
        report.add("usage reports, " + plan.usageEntries() + " entries per batch",
                Report.rate(entries, "entries") + " (" + Report.rate(result.throughput(), "batches") + "), per batch "
                        + Report.percentiles(result.latency()) + ratio(result.throughput()),
                ">= 50,000 entries/s", entries >= USAGE_ENTRIES_TARGET,
                failures(result) + Report.cores(result.cpuCores()));
    }

    static String usageBody(String licenseKey, String deviceId, String batchId, int entries) {
        StringBuilder body = new StringBuilder(96 + entries * 64).append("{\"licenseKey\":\"").append(licenseKey)
                .append("\",\"deviceId\":\"").append(deviceId).append("\",\"batchId\":\"").append(batchId)
                .append("\",\"entries\":[");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < entries; i++) {
            body.append(i == 0 ? "" : ",").append("{\"at\":\"").append(now.minusSeconds(random.nextInt(3_600)))
                    .append("\",\"units\":").append(1 + random.nextInt(5));
            if (i % 4 != 3) {
                body.append(",\"feature\":\"").append(FEATURES[i % FEATURES.length]).append('"');
            }
            body.append('}');
        }
        return body.append("]}").toString();
    }

    private static final Duration CATCH_UP_BUDGET = Duration.ofSeconds(120);

    private static final String[] FEATURES = {"scan", "print", "export"};

    private void projectionLag() {
        awaitQuerySideCaughtUp();
        Console.step(String.format(Locale.ROOT, "projection lag: new devices at a fixed %,d/s over %d projects, "
                        + "every %dth on a probe project read every %d ms on the query side (%d s measured)",
                plan.lagRate(), lagProjects.size(), ProjectionLag.SAMPLE_EVERY, ProjectionLag.POLL_MILLIS,
                plan.lagMeasure().toSeconds()));
        ProjectionLag.Result result = new ProjectionLag(cluster, lagProjects, lagProbe)
                .run(plan.lagRate(), plan.warmUp(), plan.lagMeasure(), measured("projection-lag", false, true));
        report.detail("projectionLag", result);
        Load.Result commands = result.commands();
        boolean rateKept = commands.dropped() == 0 && commands.throughput() >= plan.lagRate() * 0.95;
        report.add(String.format(Locale.ROOT, "projection lag at a fixed %,d commands/s (ack to visible on the "
                        + "query side)", plan.lagRate()),
                "lag " + Report.percentiles(result.lag()) + String.format(Locale.ROOT,
                        " (%,d sampled); commands %,.0f/s done, %s", result.sampled(), commands.throughput(),
                        Report.percentiles(commands.latency())) + ratio(commands.throughput()),
                "p99 <= 500 ms at 1,000/s",
                rateKept && result.neverSeen() == 0 && result.lag().p99() <= LAG_P99_TARGET_MS,
                (rateKept ? "" : String.format(Locale.ROOT, "the command side did not keep the rate (%,.0f/s done, "
                        + "%,d requests more than 5 s late not sent); ", commands.throughput(), commands.dropped()))
                        + (result.neverSeen() > 0 ? result.neverSeen() + " sampled devices never became visible "
                        + "within 20 s (counted at 20 s+); " : "")
                        + "visible = first query-side read listing the device; reads every "
                        + ProjectionLag.POLL_MILLIS + " ms took " + Report.percentiles(result.readLatency()) + "; "
                        + failures(commands) + Report.cores(commands.cpuCores()));
    }

    /**
     * The scenarios before this one leave the query side a backlog when the command side outruns it; the lag is taken
     * from a query side at the ledger's head, and how long it took to get there is a figure of its own.
     */
    private void awaitQuerySideCaughtUp() {
        JsonNode status = querySideStatus();
        long head = status.path("head").asLong();
        long backlog = head - Replay.slowest(status);
        Console.step(String.format(Locale.ROOT, "projection lag: waiting for the query side to reach the ledger's head "
                + "(%,d events behind, at most %d s)", backlog, CATCH_UP_BUDGET.toSeconds()));
        long started = System.nanoTime();
        long deadline = started + CATCH_UP_BUDGET.toNanos();
        while (Replay.slowest(status) < head && System.nanoTime() < deadline) {
            Sleep.millis(100);
            status = querySideStatus();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean caughtUp = Replay.slowest(status) >= head;
        report.add("query side catching up with the earlier scenarios' backlog",
                String.format(Locale.ROOT, "%,d events in %.1f s (%,.0f events/s)%s", backlog, seconds,
                        seconds > 0 ? backlog / seconds : 0, caughtUp ? "" : ", not caught up"),
                null, null, "the command side outran the query side by this much during the closed-loop scenarios");
    }

    private JsonNode querySideStatus() {
        Http.Response answer = cluster.http.get(cluster.query("/api/v1/admin/replay"), cluster.adminToken);
        if (!answer.ok()) {
            throw new IllegalStateException("query side status: HTTP " + answer.status() + " " + answer.text());
        }
        return answer.json();
    }

    private void memoryWithRegisteredDevices() throws SQLException {
        long before = registeredDevices();
        long wanted = Math.max(0, plan.rssDevices() - before);
        Console.step(String.format(Locale.ROOT, "registering %,d more devices over %d projects to reach %,d "
                + "(at most %d s), then reading peak RSS", wanted, rssProjects.size(), plan.rssDevices(),
                plan.rssBudget().toSeconds()));
        AtomicLong registered = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        long deadline = System.nanoTime() + plan.rssBudget().toNanos();
        long started = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < plan.clientThreads(); t++) {
            clients.add(Load.start("rss-" + t, () -> {
                while (running.get() && registered.get() < wanted && System.nanoTime() < deadline) {
                    long n = sequence.getAndIncrement();
                    Cluster.Project project = rssProjects.get((int) (n % rssProjects.size()));
                    try {
                        if (cluster.authorize(project, "rss-" + n).ok()) {
                            registered.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        // counted by what the read model shows in the end
                    }
                }
            }));
        }
        ProgressBar bar = new ProgressBar(System.err, "devices registered");
        while (clients.stream().anyMatch(Thread::isAlive)) {
            bar.update(registered.get(), wanted, false);
            Sleep.millis(200);
        }
        bar.finish(registered.get(), wanted);
        running.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        double registrationRate = registered.get() / Math.max(seconds, 0.001);

        long target = before + registered.get();
        long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long visible = registeredDevices();
        while (visible < target && System.nanoTime() < waitUntil) {
            Sleep.millis(500);
            visible = registeredDevices();
        }
        ProcessMetrics.Memory command = ProcessMetrics.memory(cluster.commandSide.pid());
        ProcessMetrics.Memory query = ProcessMetrics.memory(cluster.querySide.pid());
        Map<String, Double> commandAreas = nativeMemory(cluster.commandSide);
        Map<String, Double> queryAreas = nativeMemory(cluster.querySide);
        long storeBytes = cluster.storeFileSize("ledger.mv.db");
        long readModelBytes = cluster.storeFileSize("read-models.mv.db");
        long ledgerEvents = new Replay(cluster).countEvents();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("registeredDevices", visible);
        detail.put("registeredInThisPhase", registered.get());
        detail.put("registrationsPerSecond", registrationRate);
        detail.put("commandSide", command);
        detail.put("querySide", query);
        detail.put("commandSideNativeMemoryMb", commandAreas);
        detail.put("querySideNativeMemoryMb", queryAreas);
        detail.put("storeFileMb", storeBytes / 1048576.0);
        detail.put("readModelFileMb", readModelBytes / 1048576.0);
        detail.put("ledgerEvents", ledgerEvents);
        report.detail("memory", detail);
        report.add("H2 files after the scenarios: ledger.mv.db / read-models.mv.db", String.format(Locale.ROOT,
                "%,.0f MB for %,d events / %,.0f MB", storeBytes / 1048576.0, ledgerEvents,
                readModelBytes / 1048576.0), null, null,
                "WRITE_DELAY=0 turns H2's background writer off in the ledger, and with it the compaction of old "
                        + "chunks");
        boolean reached = visible >= plan.rssDevices();
        String devices = String.format(Locale.ROOT, "%,d registered devices", visible);
        String shortfall = reached ? null : String.format(Locale.ROOT, "%,d devices wanted, %,d reached in the %d s "
                        + "budget: new registrations ran at %,.0f/s (--rss-budget 0 registers them all)",
                plan.rssDevices(), visible, plan.rssBudget().toSeconds(), registrationRate);
        report.add("peak RSS, command side (VmHWM; the H2 engine runs in this process)",
                String.format(Locale.ROOT, "%.0f MB (now %.0f MB) with %s", command.peakMb(), command.currentMb(), devices),
                "<= 512 MB at 100,000 devices", rssMet(command, reached), joined(shortfall, areas(commandAreas)));
        report.add("peak RSS, query side (VmHWM)",
                String.format(Locale.ROOT, "%.0f MB (now %.0f MB) with %s", query.peakMb(), query.currentMb(), devices),
                "<= 512 MB at 100,000 devices", rssMet(query, reached), joined(shortfall, areas(queryAreas)));
    }

    /** Native memory by area when the services run with -XX:NativeMemoryTracking (empty otherwise). */
    private Map<String, Double> nativeMemory(ServiceProcess service) {
        boolean tracked = options.serviceJvm().stream().anyMatch(flag -> flag.startsWith("-XX:NativeMemoryTracking"));
        if (!tracked || !profiler.available()) {
            return Map.of();
        }
        String summary = profiler.output(service.pid(), "VM.native_memory", "summary");
        try {
            Files.writeString(cluster.logDir.resolve(service.name() + "-native-memory.txt"), summary);
        } catch (IOException e) {
            Console.step("could not keep the native memory summary: " + e.getMessage());
        }
        return Profiler.nativeMemory(summary);
    }

    private static String areas(Map<String, Double> committed) {
        if (committed.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("committed by area (NMT):");
        committed.entrySet().stream().filter(e -> e.getValue() >= 5).forEach(e -> text.append(' ')
                .append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%.0f", e.getValue())).append(" MB,"));
        return text.substring(0, text.length() - 1);
    }

    private static String joined(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "; " + second;
    }

    private static Boolean rssMet(ProcessMetrics.Memory memory, boolean reached) {
        if (memory.peakMb() > RSS_TARGET_MB) {
            return false;
        }
        return reached ? Boolean.TRUE : null;
    }

    private long registeredDevices() throws SQLException {
        try (Connection connection = cluster.connectReadModels(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT COUNT(*) FROM qry_device WHERE unregistered_at IS NULL AND license_type <> 'PER_USAGE'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * On a fresh store: the scenarios' store has grown by then (see the store file row), and writing a million events
     * into it would take longer than the whole run.
     */
    private void replay(Path workDir) throws SQLException {
        Console.step("replay: a fresh store for the history; stopping both services");
        cluster.querySide.stop();
        cluster.commandSide.stop();
        cluster.useStore(workDir.resolve("replay-data"));
        Replay replay = new Replay(cluster, profiling() ? profiler : null);
        Replay.Result result = replay.run(plan.replayEvents(), plan.replayBudget(), measured("replay", false, true));
        replay.startUpProfile().ifPresent(profiles::add);
        report.detail("replay", result);
        report.add(String.format(Locale.ROOT, "replay: rebuild every read model from %,d events", result.ledgerEvents()),
                Report.rate(result.eventsPerSecond(), "events") + (result.finished()
                        ? String.format(Locale.ROOT, " (%.0f s)", result.seconds())
                        : String.format(Locale.ROOT, " (unfinished: %,d of %,d after %.0f s)", result.slowestPosition(),
                        result.head(), result.seconds())),
                ">= 50,000 events/s", result.finished() && result.eventsPerSecond() >= REPLAY_TARGET,
                (result.note() == null ? "" : result.note() + "; ") + String.format(Locale.ROOT,
                        "the history was written by JDBC in %.0f s with no service running; query side peak RSS "
                                + "%.0f MB; ", result.insertSeconds(), result.queryPeakRssMiB())
                        + Report.cores(result.cpuCores()));
        report.add(String.format(Locale.ROOT, "start-up: command side (on a %,d-event ledger)", result.ledgerEvents()),
                seconds(result.commandStartUp()) + " to health UP", "<= 10 s",
                result.commandStartUp().toMillis() <= START_UP_TARGET_S * 1000, null);
        report.add(String.format(Locale.ROOT, "start-up: query side (on a %,d-event ledger)", result.ledgerEvents()),
                seconds(result.queryStartUp()) + " to health UP", "<= 10 s",
                result.queryStartUp().toMillis() <= START_UP_TARGET_S * 1000, null);
    }

    /** On a fresh store of its own, grown to the replay's size: the same figures on day 1 and on day 100. */
    private void history(Path workDir) throws SQLException {
        Console.step("history: a fresh store; stopping both services");
        cluster.querySide.stop();
        cluster.commandSide.stop();
        cluster.useStore(workDir.resolve("history-data"));
        int devices = (int) Math.min(HISTORY_DEVICES, plan.replayEvents() / 10);
        History.Result result = new History(cluster, plan).run(plan.replayEvents(), devices,
                measured("history", true, false));
        report.detail("history", result);
        StringBuilder sizes = new StringBuilder();
        result.seeded().forEach(size -> sizes.append(sizes.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT,
                "%,d B/event at %,d events", Math.round(size.bytesPerEvent()), size.events())));
        report.add("history: ledger.mv.db per event, grown by JDBC (commits of 5,000 events, file closed)",
                sizes.toString(), null, null, "the service's own commits are the next row");
        report.add(String.format(Locale.ROOT, "history: ledger.mv.db per event after the service ran on it and "
                        + "stopped (%,d events)", result.afterRunning().events()),
                String.format(Locale.ROOT, "%,d B/event (%,.0f MB)", Math.round(result.afterRunning().bytesPerEvent()),
                        result.afterRunning().bytes() / 1048576.0),
                "<= 1 KB/event", result.afterRunning().bytesPerEvent() <= LEDGER_BYTES_PER_EVENT_TARGET, null);
        report.add(String.format(Locale.ROOT, "history: start-up on the %,d-event ledger, command / query side",
                        result.events()),
                seconds(result.commandStartUp()) + " / " + seconds(result.queryStartUp()) + " to health UP",
                "<= 10 s", Math.max(result.commandStartUp().toMillis(), result.queryStartUp().toMillis())
                        <= START_UP_TARGET_S * 1000, null);
        report.add(String.format(Locale.ROOT, "history: first command on a project of %,d events and %,d devices, "
                        + "after its history was written", result.projectEvents(), result.devices()),
                Report.millis(result.firstCommandMillis()), null, null,
                "replays the events written since its last snapshot of the fresh store, once, and snapshots it ("
                        + String.format(Locale.ROOT, "%,.1f MB", result.snapshotBytes() / 1048576.0) + ")");
        long worstFirst = result.firstAfterRestartMillis().stream().mapToLong(Long::longValue).max().orElse(0);
        report.add("history: first authorization of a new device after a restart of the command side (from the "
                        + "snapshot)",
                result.firstAfterRestartMillis().stream().map(Report::millis).toList() + " in "
                        + result.restarts().size() + " restarts",
                "<= 300 ms", worstFirst <= FIRST_COMMAND_AFTER_RESTART_TARGET_MS,
                "the restarts took " + result.restarts().stream().map(Benchmark::seconds).toList());
        report.add(String.format(Locale.ROOT, "history: authorize p99, fresh store vs that project on the %,d-event "
                        + "ledger", result.events()),
                String.format(Locale.ROOT, "%s (%s) vs %s (%s): %.2fx", Report.percentiles(result.fresh().latency()),
                        Report.rate(result.fresh().throughput(), "authorizations"),
                        Report.percentiles(result.atHistory().latency()),
                        Report.rate(result.atHistory().throughput(), "authorizations"), result.p99Ratio()),
                "<= 1.5x", result.p99Ratio() <= HISTORY_P99_RATIO_TARGET,
                failures(result.fresh()) + failures(result.atHistory()) + Report.cores(result.atHistory().cpuCores()));
    }

    private void durability() throws SQLException {
        Console.step("durability: authorizing new devices from 8 threads, kill -9 of the command side after "
                + plan.durabilityAcks() + " acknowledgements, restart, check the ledger");
        cluster.querySide.stop();
        long ledgerEvents = new Replay(cluster).countEvents();
        Durability.Result result = new Durability(cluster).run(crashProject, plan.durabilityAcks(), contentionProject,
                "one-0");
        report.detail("durability", result);
        report.add("durability: kill -9 of the command side during authorizations",
                result.missing() == 0
                        ? String.format(Locale.ROOT, "all %,d acknowledged authorizations in the ledger after restart",
                        result.acknowledged())
                        : String.format(Locale.ROOT, "%,d of %,d acknowledged authorizations MISSING after restart",
                        result.missing(), result.acknowledged()),
                "every acknowledged command durable", result.missing() == 0, null);
        report.add(String.format(Locale.ROOT, "start-up: command side (restart after kill -9, %,d-event ledger)",
                        ledgerEvents), seconds(result.restartStartUp()) + " to health UP", "<= 10 s",
                result.restartStartUp().toMillis() <= START_UP_TARGET_S * 1000, null);
        report.add("  first authorization after the restart (on the one-project scenario's project)",
                Report.millis(result.firstAuthorizationMillis()) + " (its snapshot and the events after it, loaded at start-up if preloaded)", null, null,
                result.largestProjectNote());
    }

    // ---- helpers

    /** A measurement window: CPU per process, and a JFR profile of the chosen services when profiling. */
    private Supplier<Load.Window> measured(String scenario, boolean profileCommand, boolean profileQuery) {
        return () -> {
            Map<String, Long> pids = new LinkedHashMap<>();
            if (cluster.commandSide != null && cluster.commandSide.isAlive()) {
                pids.put("command-side", cluster.commandSide.pid());
            }
            if (cluster.querySide != null && cluster.querySide.isAlive()) {
                pids.put("query-side", cluster.querySide.pid());
            }
            pids.put("client", ProcessHandle.current().pid());
            ProcessMetrics.CpuWindow cpu = new ProcessMetrics.CpuWindow(pids);
            List<ServiceProcess> profiled = new ArrayList<>();
            if (profiling() && profileCommand) {
                profiled.add(cluster.commandSide);
            }
            if (profiling() && profileQuery) {
                profiled.add(cluster.querySide);
                profiled.add(cluster.commandSide);
            }
            Map<ServiceProcess, String> recordings = new LinkedHashMap<>();
            profiled.forEach(service -> recordings.put(service, profiler.start(service, scenario)));
            return () -> {
                Map<String, Double> cores = cpu.end();
                recordings.forEach((service, recording) -> profiles.add(profiler.stop(service, recording, scenario)));
                return cores;
            };
        };
    }

    private boolean profiling() {
        return options.profile() && profiler.available();
    }

    private String ratio(double perSecond) {
        return baselineCommitsPerSecond <= 0 ? ""
                : String.format(Locale.ROOT, "; %.2fx raw store", perSecond / baselineCommitsPerSecond);
    }

    private static String failures(Load.Result result) {
        if (result.failed() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d failed requests %s, first: %s; ", result.failed(),
                result.failuresByStatus(), abbreviate(result.firstFailure()));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
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
