package io.licenseledger.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command side's throughput: authorizations of registered devices (the hot path, in a closed loop and then at a
 * fixed rate), of new devices all on one project (one seat count), and usage reports; each figure also as a ratio to
 * the raw store baseline.
 */
record CommandThroughput(Cluster cluster, Plan plan, Report report, MeasurementWindows windows,
                         double baselineCommitsPerSecond) {

    private static final double AUTHORIZE_TARGET = 5_000;
    private static final double AUTHORIZE_P99_TARGET_MS = 50;
    private static final double CONTENTION_TARGET = 2_000;
    private static final double USAGE_ENTRIES_TARGET = 50_000;

    void hotPath(List<Cluster.Project> hotProjects) {
        Console.step("authorize, registered devices: closed loop, " + plan.clientThreads() + " threads over "
                + hotProjects.size() + " projects (" + plan.firstWarmUp().toSeconds() + " s warm-up, "
                + plan.measure().toSeconds() + " s measured)");
        Load.Call call = (thread, sequence) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Cluster.Project project = hotProjects.get(random.nextInt(hotProjects.size()));
            return cluster.authorize(project, "hot-device-" + random.nextInt(plan.devicesPerProject()));
        };
        Load.Result closed = Load.closedLoop("authorize (registered)", plan.clientThreads(), plan.firstWarmUp(),
                plan.measure(), call, windows.window("authorize-registered", true, false));
        report.detail("authorizeRegistered", closed);
        report.add("authorize, devices already registered (hot path)",
                Report.rate(closed.throughput(), "authorizations") + ", " + Report.percentiles(closed.latency())
                        + ratio(closed.throughput()),
                ">= 5,000/s, p99 <= 50 ms",
                closed.throughput() >= AUTHORIZE_TARGET && closed.latency().p99() <= AUTHORIZE_P99_TARGET_MS,
                Report.failures(closed) + Report.cores(closed.cpuCores()));

        double rate = Math.min(AUTHORIZE_TARGET, Math.max(20, Math.floor(closed.throughput() * 0.8)));
        Console.step(String.format(Locale.ROOT, "authorize, registered devices: fixed rate %,.0f/s (80%% of the "
                + "closed-loop rate, capped at the target), latency from the due time", rate));
        Load.Result fixed = Load.fixedRate("authorize (registered), fixed rate", rate, 64, plan.warmUp(),
                plan.measure(), Duration.ofSeconds(5), call,
                windows.window("authorize-registered-fixed", false, false));
        report.detail("authorizeRegisteredFixedRate", fixed);
        boolean kept = fixed.dropped() == 0 && fixed.throughput() >= rate * 0.95;
        report.add("  same, at a fixed rate (coordinated omission corrected)",
                String.format(Locale.ROOT, "%s at %,.0f/s offered (%,.0f/s done)", Report.percentiles(fixed.latency()),
                        rate, fixed.throughput()),
                "p99 <= 50 ms", kept && fixed.latency().p99() <= AUTHORIZE_P99_TARGET_MS,
                (fixed.dropped() > 0 ? fixed.dropped() + " requests more than 5 s late were not sent; " : "")
                        + Report.failures(fixed) + Report.cores(fixed.cpuCores()));
    }

    void newDevicesOnOneProject(Cluster.Project contentionProject) {
        Console.step("authorize, new devices on one project: closed loop, " + plan.clientThreads() + " threads ("
                + plan.measure().toSeconds() + " s measured)");
        AtomicLong devices = new AtomicLong();
        Load.Result result = Load.closedLoop("authorize (new, one project)", plan.clientThreads(), plan.warmUp(),
                plan.measure(),
                (thread, sequence) -> cluster.authorize(contentionProject, "one-" + devices.getAndIncrement()),
                windows.window("authorize-new-one-project", true, false));
        report.detail("authorizeNewOneProject", result);
        report.add("authorize, new devices, all on one project (one seat count)",
                Report.rate(result.throughput(), "authorizations") + ", " + Report.percentiles(result.latency())
                        + ratio(result.throughput()),
                ">= 2,000/s", result.throughput() >= CONTENTION_TARGET,
                Report.failures(result) + Report.cores(result.cpuCores()));
    }

    void usage(List<Cluster.Project> usageProjects) {
        Console.step("usage reports of " + plan.usageEntries() + " entries: closed loop, " + plan.clientThreads()
                + " threads over " + usageProjects.size() + " projects (" + plan.measure().toSeconds() + " s measured)");
        Load.Result result = Load.closedLoop("usage batches", plan.clientThreads(), plan.warmUp(), plan.measure(),
                (thread, sequence) -> {
                    Cluster.Project project = usageProjects.get(thread % usageProjects.size());
                    String device = "usage-device-"
                            + ThreadLocalRandom.current().nextInt(ScenarioProjects.USAGE_DEVICES_PER_PROJECT);
                    return cluster.http.postJson(cluster.command("/api/v1/usage"),
                            Cluster.usageBody(project.licenseKey(), device, "b-" + thread + "-" + sequence,
                                    plan.usageEntries()), null);
                }, windows.window("usage", true, false));
        report.detail("usage", result);
        double entries = result.throughput() * plan.usageEntries();
        report.add("usage reports, " + plan.usageEntries() + " entries per batch",
                Report.rate(entries, "entries") + " (" + Report.rate(result.throughput(), "batches") + "), per batch "
                        + Report.percentiles(result.latency()) + ratio(result.throughput()),
                ">= 50,000 entries/s", entries >= USAGE_ENTRIES_TARGET,
                Report.failures(result) + Report.cores(result.cpuCores()));
    }

    private String ratio(double perSecond) {
        return RawStoreBaseline.ratio(perSecond, baselineCommitsPerSecond);
    }
}
