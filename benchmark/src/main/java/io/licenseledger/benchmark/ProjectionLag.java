package io.licenseledger.benchmark;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Projection lag at a fixed command rate: new devices are authorized at {@code rate}/s (fixed rate, spread over
 * many projects), and for a sample of them (every {@value #SAMPLE_EVERY}th command, all on one probe project) the
 * time from the command side's acknowledgement to the device's first appearance on the query side is measured. One
 * thread reads the probe project's newest devices ({@code sort=firstSeenAt,desc}) every {@value #POLL_MILLIS} ms; a
 * device counts as visible when the first read that lists it is answered, so the figure over-states the lag by at
 * most one read interval plus the read's own time. The processors handle events in ledger order whatever the
 * project, so the sample's lag is the lag of every command.
 */
final class ProjectionLag {

    static final int SAMPLE_EVERY = 10;
    static final long POLL_MILLIS = 10;
    private static final int PAGE = 100;
    private static final Duration DRAIN = Duration.ofSeconds(20);
    private static final Duration CATCH_UP_BUDGET = Duration.ofSeconds(120);
    private static final double LAG_P99_TARGET_MS = 500;

    record Result(Load.Result commands, long sampled, long observed, long neverSeen, Latencies.Summary lag,
                  Latencies.Summary readLatency, long reads) {
    }

    private final Cluster cluster;
    private final List<Cluster.Project> projects;
    private final Cluster.Project probe;
    /**
     * Sampled device -> {acknowledged, visible} in nanos, 0 while unknown. Only devices acknowledged inside the
     * measurement window count; a read may list a device before its answer reached the client.
     */
    private final Map<String, long[]> sampled = new ConcurrentHashMap<>();
    private final Latencies lag = new Latencies();
    private final Latencies reads = new Latencies();
    private final LongAdder readCount = new LongAdder();

    ProjectionLag(Cluster cluster, List<Cluster.Project> projects, Cluster.Project probe) {
        this.cluster = cluster;
        this.projects = projects;
        this.probe = probe;
    }

    void measure(Plan plan, Report report, Supplier<Load.Window> cpu, double baselineCommitsPerSecond) {
        awaitQuerySideCaughtUp(report);
        Console.step(String.format(Locale.ROOT, "projection lag: new devices at a fixed %,d/s over %d projects, "
                        + "every %dth on a probe project read every %d ms on the query side (%d s measured)",
                plan.lagRate(), projects.size(), SAMPLE_EVERY, POLL_MILLIS, plan.lagMeasure().toSeconds()));
        Result result = run(plan.lagRate(), plan.warmUp(), plan.lagMeasure(), cpu);
        report.detail("projectionLag", result);
        Load.Result commands = result.commands();
        boolean rateKept = commands.dropped() == 0 && commands.throughput() >= plan.lagRate() * 0.95;
        report.add(String.format(Locale.ROOT, "projection lag at a fixed %,d commands/s (ack to visible on the "
                        + "query side)", plan.lagRate()),
                "lag " + Report.percentiles(result.lag()) + String.format(Locale.ROOT,
                        " (%,d sampled); commands %,.0f/s done, %s", result.sampled(), commands.throughput(),
                        Report.percentiles(commands.latency()))
                        + RawStoreBaseline.ratio(commands.throughput(), baselineCommitsPerSecond),
                "p99 <= 500 ms at 1,000/s",
                rateKept && result.neverSeen() == 0 && result.lag().p99() <= LAG_P99_TARGET_MS,
                (rateKept ? "" : String.format(Locale.ROOT, "the command side did not keep the rate (%,.0f/s done, "
                        + "%,d requests more than 5 s late not sent); ", commands.throughput(), commands.dropped()))
                        + (result.neverSeen() > 0 ? result.neverSeen() + " sampled devices never became visible "
                        + "within 20 s (counted at 20 s+); " : "")
                        + "visible = first query-side read listing the device; reads every "
                        + POLL_MILLIS + " ms took " + Report.percentiles(result.readLatency()) + "; "
                        + Report.failures(commands) + Report.cores(commands.cpuCores()));
    }

    /**
     * The scenarios before this one leave the query side a backlog when the command side outruns it; the lag is taken
     * from a query side at the ledger's head, and how long it took to get there is a figure of its own.
     */
    private void awaitQuerySideCaughtUp(Report report) {
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

    private Result run(int rate, Duration warmUp, Duration measure, Supplier<Load.Window> cpu) {
        long warmUpCommands = (long) (rate * warmUp.toNanos() / 1e9);
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = Load.start("lag-poller", () -> poll(polling));
        Load.Result commands = Load.fixedRate("projection lag", rate, 128, warmUp, measure, Duration.ofSeconds(5),
                (worker, index) -> {
                    boolean sample = index % SAMPLE_EVERY == 0;
                    Cluster.Project project = sample ? probe : projects.get((int) (index % projects.size()));
                    String deviceId = "lag-" + index;
                    Http.Response response = cluster.authorize(project, deviceId);
                    if (sample && response.ok() && index >= warmUpCommands) {
                        acknowledged(deviceId, System.nanoTime());
                    }
                    return response;
                }, cpu);
        long drainEnd = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < drainEnd
                && sampled.values().stream().anyMatch(times -> times[0] != 0 && times[1] == 0)) {
            Sleep.millis(50);
        }
        polling.set(false);
        Load.join(List.of(poller));
        long now = System.nanoTime();
        long acknowledged = 0;
        long neverSeen = 0;
        for (long[] times : sampled.values()) {
            if (times[0] == 0) {
                continue;
            }
            acknowledged++;
            if (times[1] == 0) {
                neverSeen++;
                lag.recordNanos(now - times[0]);
            }
        }
        return new Result(commands, acknowledged, acknowledged - neverSeen, neverSeen,
                Latencies.Summary.of(lag.endWindow()),
                Latencies.Summary.of(reads.endWindow()), readCount.sum());
    }

    private void acknowledged(String deviceId, long ackNanos) {
        sampled.compute(deviceId, (id, times) -> {
            long[] updated = times == null ? new long[]{0, 0} : times;
            updated[0] = ackNanos;
            if (updated[1] != 0) {
                // The read model showed it before the answer reached the client: no lag to speak of.
                lag.recordNanos(Math.max(0, updated[1] - ackNanos));
            }
            return updated;
        });
    }

    private void visible(String deviceId, long visibleNanos) {
        sampled.compute(deviceId, (id, times) -> {
            if (times == null) {
                return new long[]{0, visibleNanos};
            }
            if (times[1] == 0) {
                times[1] = visibleNanos;
                if (times[0] != 0) {
                    lag.recordNanos(Math.max(0, visibleNanos - times[0]));
                }
            }
            return times;
        });
    }

    private void poll(AtomicBoolean polling) {
        Set<String> seen = new HashSet<>();
        String base = cluster.query("/api/v1/projects/" + probe.projectId() + "/devices?sort=firstSeenAt,desc&size=" + PAGE);
        while (polling.get()) {
            long started = System.nanoTime();
            for (int page = 0; page < 20; page++) {
                long requested = System.nanoTime();
                Http.Response response;
                try {
                    response = cluster.http.get(base + "&page=" + page, cluster.adminToken);
                } catch (RuntimeException e) {
                    break;
                }
                long answered = System.nanoTime();
                reads.recordNanos(answered - requested);
                readCount.increment();
                if (!response.ok()) {
                    break;
                }
                JsonNode devices = response.json().path("devices");
                int fresh = 0;
                for (JsonNode device : devices) {
                    String deviceId = device.path("deviceId").asString();
                    if (seen.add(deviceId)) {
                        fresh++;
                        visible(deviceId, answered);
                    }
                }
                if (fresh < PAGE) {
                    break;
                }
            }
            long left = POLL_MILLIS * 1_000_000 - (System.nanoTime() - started);
            if (left > 0) {
                Sleep.until(System.nanoTime() + left);
            }
        }
    }
}
