package io.licenseledger.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The day-100 ledger against the day-1 ledger. On a fresh store the command side creates one busy project, registers
 * a thousand devices and re-authorizes them in a closed loop (the fresh figure). Then, with the command side stopped,
 * the ledger is grown by JDBC to {@code events} events, half of them the busy project's (its registrations up to
 * {@code devices}, then re-authorizations), half a realistic mix of other projects, measuring the file at each
 * checkpoint. On that ledger: both services' start-up, the busy project's first command (it replays, once, the events
 * written behind the service's back since its last snapshot) until its new snapshot is stored, then restarts of the
 * command side each followed by its first authorization of a new device, and the same closed loop as on the fresh
 * store.
 */
record History(Cluster cluster, Plan plan) {

    record FileSize(long events, long bytes) {
        double bytesPerEvent() {
            return events == 0 ? 0 : (double) bytes / events;
        }
    }

    record Result(long events, int devices, long projectEvents, List<FileSize> seeded, FileSize afterRunning,
                  Load.Result fresh, Duration commandStartUp, Duration queryStartUp, long firstCommandMillis,
                  List<Duration> restarts, List<Long> firstAfterRestartMillis, long snapshotBytes,
                  Load.Result atHistory) {

        double p99Ratio() {
            return atHistory.latency().p99() / fresh.latency().p99();
        }
    }

    private static final int FRESH_DEVICES = 1_000;
    private static final int RESTARTS = 3;
    private static final List<Long> CHECKPOINTS = List.of(10_000L, 100_000L, 1_000_000L);
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(120);
    private static final int HISTORY_DEVICES = 100_000;
    private static final double LEDGER_BYTES_PER_EVENT_TARGET = 1_024;
    private static final double FIRST_COMMAND_AFTER_RESTART_TARGET_MS = 300;
    private static final double HISTORY_P99_RATIO_TARGET = 1.5;

    /** On a fresh store of its own, grown to the replay's size: the same figures on day 1 and on day 100. */
    void measure(Path workDir, Report report, Supplier<Load.Window> cpu) throws SQLException {
        Console.step("history: a fresh store; stopping both services");
        cluster.querySide.stop();
        cluster.commandSide.stop();
        cluster.useStore(workDir.resolve("history-data"));
        int devices = (int) Math.min(HISTORY_DEVICES, plan.replayEvents() / 10);
        Result result = run(plan.replayEvents(), devices, cpu);
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
                Report.seconds(result.commandStartUp()) + " / " + Report.seconds(result.queryStartUp())
                        + " to health UP",
                "<= 10 s", Math.max(result.commandStartUp().toMillis(), result.queryStartUp().toMillis())
                        <= Cluster.START_UP_TARGET_S * 1000, null);
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
                "the restarts took " + result.restarts().stream().map(Report::seconds).toList());
        report.add(String.format(Locale.ROOT, "history: authorize p99, fresh store vs that project on the %,d-event "
                        + "ledger", result.events()),
                String.format(Locale.ROOT, "%s (%s) vs %s (%s): %.2fx", Report.percentiles(result.fresh().latency()),
                        Report.rate(result.fresh().throughput(), "authorizations"),
                        Report.percentiles(result.atHistory().latency()),
                        Report.rate(result.atHistory().throughput(), "authorizations"), result.p99Ratio()),
                "<= 1.5x", result.p99Ratio() <= HISTORY_P99_RATIO_TARGET,
                Report.failures(result.fresh()) + Report.failures(result.atHistory())
                        + Report.cores(result.atHistory().cpuCores()));
    }

    /** Expects both services stopped and a fresh store selected. */
    private Result run(long events, int devices, Supplier<Load.Window> cpu) throws SQLException {
        cluster.commandSide = cluster.newCommandSide();
        cluster.commandSide.start(Cluster.START_TIMEOUT);
        cluster.importLicense("BUSY-" + System.currentTimeMillis(), List.of(Cluster.seats("busy", devices * 2L)));
        Cluster.Project busy = cluster.createProject("busy", "busy");
        Console.step("history: registering " + FRESH_DEVICES + " devices on a fresh store, then the closed loop");
        registerDevices(busy, FRESH_DEVICES);
        Load.Result fresh = reauthorize(busy, FRESH_DEVICES, "authorize on a fresh store", cpu);
        cluster.commandSide.stop();

        BusyProjectHistory busyHistory = new BusyProjectHistory(busy.projectId(), projectEvents(busy.projectId()),
                FRESH_DEVICES, devices);
        List<FileSize> seeded = seed(busyHistory, events);
        long total = seeded.get(seeded.size() - 1).events();
        long projectEvents = busyHistory.events();

        Console.step(String.format("history: starting both services on the %,d-event ledger", total));
        cluster.commandSide = cluster.newCommandSide();
        Duration commandStartUp = cluster.commandSide.start(Cluster.START_TIMEOUT);
        cluster.querySide = cluster.newQuerySide();
        Duration queryStartUp = cluster.querySide.start(Cluster.START_TIMEOUT);
        // Folding the history would take the CPU the command side's figures need; the replay scenario measures it.
        cluster.querySide.stop();

        Console.step(String.format("history: first command on the busy project (%,d events; those written since its"
                + " last snapshot are replayed)", projectEvents));
        long firstCommandMillis = timedAuthorization(busy, "first-after-seeding");
        long snapshotBytes = awaitSnapshot(busy.projectId(), projectEvents);

        List<Duration> restarts = new ArrayList<>();
        List<Long> firstAfterRestart = new ArrayList<>();
        for (int restart = 1; restart <= RESTARTS; restart++) {
            cluster.commandSide.stop();
            cluster.commandSide = cluster.newCommandSide();
            restarts.add(cluster.commandSide.start(Cluster.START_TIMEOUT));
            firstAfterRestart.add(timedAuthorization(busy, "first-after-restart-" + restart));
            Console.step(String.format("history: restart %d: up in %.1f s, first authorization %,d ms", restart,
                    restarts.get(restarts.size() - 1).toMillis() / 1000.0,
                    firstAfterRestart.get(firstAfterRestart.size() - 1)));
        }
        Load.Result atHistory = reauthorize(busy, devices, String.format("authorize on the %,d-event ledger",
                total), cpu);
        cluster.commandSide.stop();
        FileSize afterRunning = new FileSize(countEvents(), cluster.storeFileSize("ledger.mv.db"));
        return new Result(total, devices, projectEvents, seeded, afterRunning, fresh, commandStartUp, queryStartUp,
                firstCommandMillis, restarts, firstAfterRestart, snapshotBytes, atHistory);
    }

    private void registerDevices(Cluster.Project project, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> registrations = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int first = t;
                registrations.add(pool.submit(() -> {
                    for (int d = first; d < count; d += 8) {
                        cluster.authorize(project, BusyProjectHistory.device(d)).expect(200, "registration");
                    }
                }));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("registering the busy project's devices failed", e);
        } finally {
            pool.shutdown();
        }
    }

    private Load.Result reauthorize(Cluster.Project project, int devices, String name, Supplier<Load.Window> cpu) {
        Console.step("history: " + name + ": closed loop, " + plan.clientThreads() + " threads over " + devices
                + " registered devices of one project (" + plan.measure().toSeconds() + " s measured)");
        return Load.closedLoop(name, plan.clientThreads(), plan.warmUp(), plan.measure(),
                (thread, sequence) -> cluster.authorize(project,
                        BusyProjectHistory.device(ThreadLocalRandom.current().nextInt(devices))), cpu);
    }

    /** Grows the stopped command side's ledger to each checkpoint, and measures the file once it is closed. */
    private List<FileSize> seed(BusyProjectHistory busy, long events) throws SQLException {
        List<FileSize> sizes = new ArrayList<>();
        long start = countEvents();
        LedgerHistory others = new LedgerHistory((int) Math.max(10, events / 1_000), events, Instant.now(), 7);
        EventRows.Source mixed = new EventRows.Source() {
            private long emitted;

            @Override
            public LedgerHistory.Event next() {
                return emitted++ % 2 == 0 ? busy.next() : others.next();
            }

            @Override
            public String eventIdentifier() {
                return others.eventIdentifier();
            }
        };
        List<Long> checkpoints = new ArrayList<>(CHECKPOINTS.stream().filter(c -> c > start && c < events).toList());
        checkpoints.add(events);
        long ledger = start;
        for (long checkpoint : checkpoints) {
            Console.step(String.format("history: writing events %,d to %,d into the ledger", ledger, checkpoint));
            ProgressBar bar = new ProgressBar(System.err, "events written");
            try (Connection connection = cluster.connectForLoading()) {
                new EventRows().append(connection, mixed, checkpoint - ledger, bar);
                Replay.alertDeliveryAtHead(connection);
            }
            bar.finish(checkpoint - ledger, checkpoint - ledger);
            ledger = checkpoint;
            sizes.add(new FileSize(ledger, cluster.storeFileSize("ledger.mv.db")));
        }
        return sizes;
    }

    private long timedAuthorization(Cluster.Project project, String deviceId) {
        long start = System.nanoTime();
        cluster.authorize(project, deviceId).expect(200, "authorization of " + deviceId);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Waits for a snapshot that holds at least the project's first {@code events} events. */
    private long awaitSnapshot(String projectId, long events) throws SQLException {
        long deadline = System.nanoTime() + SNAPSHOT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = cluster.connect(); PreparedStatement query = connection.prepareStatement(
                    "SELECT OCTET_LENGTH(payload) FROM snapshot_event_entry WHERE aggregate_identifier = ?"
                            + " AND sequence_number >= ?")) {
                query.setString(1, projectId);
                query.setLong(2, events - 1);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        return rows.getLong(1);
                    }
                }
            }
            Sleep.millis(200);
        }
        throw new IllegalStateException("no snapshot of the busy project within " + SNAPSHOT_WAIT);
    }

    private long projectEvents(String projectId) throws SQLException {
        try (Connection connection = cluster.connectForLoading(); PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            query.setString(1, projectId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long countEvents() throws SQLException {
        try (Connection ledger = cluster.connectForLoading()) {
            return Cluster.countEvents(ledger);
        }
    }

}
