package io.licenseledger.benchmark;

import io.licenseledger.launcher.LedgerRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acknowledged means durable: new devices are authorized from eight threads, the command side is killed with
 * {@code kill -9} while requests are in flight, started again, and every authorization it acknowledged before dying
 * must be in the ledger. Also times the first authorization after the restart on the largest project, which the
 * command side loads from its latest snapshot and the events after it (at start-up already, when it is among the
 * projects it preloads).
 */
final class Durability {

    record Result(long acknowledged, long inLedger, long missing, Duration restartStartUp,
                  double firstAuthorizationMillis, String largestProjectNote) {
    }

    private final Cluster cluster;

    Durability(Cluster cluster) {
        this.cluster = cluster;
    }

    void measure(Plan plan, Cluster.Project crashProject, Cluster.Project contentionProject, Report report)
            throws SQLException {
        Console.step("durability: authorizing new devices from 8 threads, kill -9 of the command side after "
                + plan.durabilityAcks() + " acknowledgements, restart, check the ledger");
        cluster.querySide.stop();
        long ledgerEvents = new Replay(cluster).countEvents();
        Result result = run(crashProject, plan.durabilityAcks(), contentionProject, "one-0");
        report.detail("durability", result);
        report.add("durability: kill -9 of the command side during authorizations",
                result.missing() == 0
                        ? String.format(Locale.ROOT, "all %,d acknowledged authorizations in the ledger after restart",
                        result.acknowledged())
                        : String.format(Locale.ROOT, "%,d of %,d acknowledged authorizations MISSING after restart",
                        result.missing(), result.acknowledged()),
                "every acknowledged command durable", result.missing() == 0, null);
        report.add(String.format(Locale.ROOT, "start-up: command side (restart after kill -9, %,d-event ledger)",
                        ledgerEvents), Report.seconds(result.restartStartUp()) + " to health UP", "<= 10 s",
                result.restartStartUp().toMillis() <= Cluster.START_UP_TARGET_S * 1000, null);
        report.add("  first authorization after the restart (on the one-project scenario's project)",
                Report.millis(result.firstAuthorizationMillis()) + " (its snapshot and the events after it, loaded at start-up if preloaded)", null, null,
                result.largestProjectNote());
    }

    private Result run(Cluster.Project project, int acknowledgementsBeforeKill, Cluster.Project largest,
                       String largestDevice) throws SQLException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sequence = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            clients.add(Load.start("crash-" + t, () -> {
                while (running.get()) {
                    String deviceId = "crash-" + sequence.incrementAndGet();
                    try {
                        if (cluster.authorize(project, deviceId).status() == 200) {
                            acknowledged.add(deviceId);
                        }
                    } catch (RuntimeException connectionLost) {
                        // in flight when the process died: not acknowledged, and that is the point
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (acknowledged.size() < acknowledgementsBeforeKill && System.nanoTime() < deadline) {
            Sleep.millis(5);
        }
        cluster.commandSide.killHard();
        running.set(false);
        Load.join(clients);
        Set<String> acknowledgedBeforeKill = Set.copyOf(acknowledged);

        cluster.commandSide = cluster.newCommandSide();
        Duration restart = cluster.commandSide.start(Cluster.START_TIMEOUT);

        Set<String> inLedger = authorizedDevices(project.projectId());
        long missing = acknowledgedBeforeKill.stream().filter(device -> !inLedger.contains(device)).count();

        long started = System.nanoTime();
        Http.Response first = cluster.authorize(largest, largestDevice);
        double firstMillis = (System.nanoTime() - started) / 1e6;
        return new Result(acknowledgedBeforeKill.size(), inLedger.size(), missing, restart, firstMillis,
                first.ok() ? null : "first authorization after restart failed: " + first.status() + " " + first.text());
    }

    private Set<String> authorizedDevices(String projectId) throws SQLException {
        try (Connection connection = cluster.connect()) {
            return new HashSet<>(LedgerRows.authorizedDevices(connection, projectId));
        }
    }
}
