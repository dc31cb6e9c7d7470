package io.licenseledger.benchmark;

import io.licenseledger.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak RSS of both services with the plan's registered devices: new devices are authorized from the client threads
 * until the read model lists that many or the budget runs out, then each service's VmHWM is read, with its native
 * memory by area when the services track it, and the sizes of the H2 files.
 */
record PeakMemory(Cluster cluster, Options options, Profiler profiler, Report report) {

    private static final double RSS_TARGET_MB = 512;

    void measure(List<Cluster.Project> rssProjects) throws SQLException {
        Plan plan = options.plan();
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
}
