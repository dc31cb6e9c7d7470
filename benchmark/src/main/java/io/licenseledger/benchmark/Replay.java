package io.licenseledger.benchmark;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Rebuilding every read model from a ledger of {@code events} events. On a fresh store (whose schema the command
 * side creates at its first start), this JVM writes a realistic history straight into {@code domain_event_entry}
 * while no service runs (rows exactly as the command side writes them); then both services start on it, and the
 * admin rebuild ({@code POST /api/v1/admin/replay}) is started and watched with a progress bar until it swapped the
 * rebuilt read models in, or the budget ran out.
 */
final class Replay {

    record Result(long ledgerEvents, long inserted, double insertSeconds, Duration commandStartUp,
                  Duration queryStartUp, boolean finished, double seconds, double eventsPerSecond,
                  long slowestPosition, long head, long eventsFolded, Map<String, Double> processorPercent,
                  Map<String, Double> cpuCores, double queryPeakRssMiB, String note) {
    }

    private static final String ALERT_DELIVERY = "alert-delivery";
    private static final String QUERY_PROCESSOR = "query-read-models";
    private static final double REPLAY_TARGET = 50_000;

    private final Cluster cluster;
    /** Profiles the query side's start-up on the ledger when set. */
    private final Profiler startUpProfiler;
    private Profiler.Profile startUpProfile;

    Replay(Cluster cluster) {
        this(cluster, null);
    }

    Replay(Cluster cluster, Profiler startUpProfiler) {
        this.cluster = cluster;
        this.startUpProfiler = startUpProfiler;
    }

    /**
     * On a fresh store: the scenarios' store has grown by then (see the store file row), and writing a million events
     * into it would take longer than the whole run.
     */
    void measure(Plan plan, Path workDir, Report report, Supplier<Load.Window> cpu) throws SQLException {
        Console.step("replay: a fresh store for the history; stopping both services");
        cluster.querySide.stop();
        cluster.commandSide.stop();
        cluster.useStore(workDir.resolve("replay-data"));
        Result result = run(plan.replayEvents(), plan.replayBudget(), cpu);
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
                Report.seconds(result.commandStartUp()) + " to health UP", "<= 10 s",
                result.commandStartUp().toMillis() <= Cluster.START_UP_TARGET_S * 1000, null);
        report.add(String.format(Locale.ROOT, "start-up: query side (on a %,d-event ledger)", result.ledgerEvents()),
                Report.seconds(result.queryStartUp()) + " to health UP", "<= 10 s",
                result.queryStartUp().toMillis() <= Cluster.START_UP_TARGET_S * 1000, null);
    }

    /** Expects both services stopped and a fresh store selected. */
    private Result run(long events, Duration budget, Supplier<Load.Window> cpu) throws SQLException {
        Console.step("replay: first start of the command side creates the schema; then it stops again");
        cluster.commandSide = cluster.newCommandSide();
        cluster.commandSide.start(Cluster.START_TIMEOUT);
        cluster.commandSide.stop();
        Console.step("replay: first start of the query side creates its read models' file; then it stops again");
        cluster.commandSide = cluster.newCommandSide();
        cluster.commandSide.start(Cluster.START_TIMEOUT);
        cluster.querySide = cluster.newQuerySide();
        cluster.querySide.start(Cluster.START_TIMEOUT);
        cluster.querySide.stop();
        cluster.commandSide.stop();

        Console.step("replay: writing " + String.format("%,d", events) + " events of history into the ledger");
        long insertStart = System.nanoTime();
        ProgressBar insertBar = new ProgressBar(System.err, "events written");
        long head;
        try (Connection connection = cluster.connectForLoading()) {
            LedgerHistory history = new LedgerHistory((int) Math.max(10, events / 500), events, Instant.now(), 42);
            new EventRows().append(connection, history, events, insertBar);
            head = alertDeliveryAtHead(connection);
        }
        try (Connection connection = cluster.connectReadModels()) {
            queryProcessorAtHead(connection, head);
        }
        insertBar.finish(events, events);
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;

        Console.step("replay: starting both services on the " + String.format("%,d", events) + "-event ledger");
        cluster.commandSide = cluster.newCommandSide();
        Duration commandStartUp = cluster.commandSide.start(Cluster.START_TIMEOUT);
        long ledgerEvents = countEvents();
        cluster.querySide = cluster.newQuerySide(startUpProfiler == null ? List.of() : Profiler.fromStart());
        Duration queryStartUp = cluster.querySide.start(Cluster.START_TIMEOUT);
        if (startUpProfiler != null) {
            startUpProfile = startUpProfiler.stop(cluster.querySide, Profiler.START_UP, "start-up on the ledger");
        }

        Console.step("replay: POST /api/v1/admin/replay, watching until every read model is rebuilt and swapped in"
                + " (at most " + budget.toSeconds() + " s)");
        Http.Response started = cluster.http.postJson(cluster.query("/api/v1/admin/replay"), "{}", cluster.adminToken);
        if (started.status() != 202) {
            return new Result(ledgerEvents, events, insertSeconds, commandStartUp, queryStartUp, false, 0, 0, 0, 0, 0,
                    Map.of(), Map.of(), 0, "replay could not be started: HTTP " + started.status() + " "
                    + started.text());
        }
        Load.Window window = cpu.get();
        long deadline = System.nanoTime() + budget.toNanos();
        ProgressBar bar = new ProgressBar(System.err, "events rebuilt");
        JsonNode status = started.json();
        while (status.path("running").asBoolean(true) && System.nanoTime() < deadline) {
            Sleep.millis(250);
            Http.Response answer = cluster.http.get(cluster.query("/api/v1/admin/replay"), cluster.adminToken);
            if (answer.ok()) {
                status = answer.json();
                bar.update(status.path("position").asLong(), status.path("head").asLong(), false);
            }
        }
        Map<String, Double> cores = window.end();
        double peakRss = ProcessMetrics.memory(cluster.querySide.pid()).peakMb();
        boolean finished = "DONE".equals(status.path("phase").asString());
        bar.finish(status.path("position").asLong(), status.path("head").asLong());
        Map<String, Double> percent = new LinkedHashMap<>();
        for (JsonNode processor : status.path("processors")) {
            percent.put(processor.path("name").asString(), processor.path("percent").asDouble());
        }
        String note = finished ? null : status.path("running").asBoolean(true)
                ? "not finished within the " + budget.toSeconds() + " s budget; the rate is the rebuild's so far"
                : "the rebuild failed: " + status.path("failure").asString();
        return new Result(ledgerEvents, events, insertSeconds, commandStartUp, queryStartUp, finished,
                status.path("elapsedSeconds").asDouble(), status.path("eventsPerSecond").asDouble(),
                status.path("position").asLong(), status.path("head").asLong(), status.path("events").asLong(),
                percent, cores, peakRss, note);
    }

    /**
     * Puts the command side's alert-delivery processor at the ledger's head, where it would be had the command side
     * appended the history itself (it follows every event the command side appends), and returns the head. Left at
     * the start, it reads the whole history again after the restart, and takes CPU from the query side's start-up and
     * replay.
     */
    static long alertDeliveryAtHead(Connection connection) throws SQLException {
        long head;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(global_index) FROM domain_event_entry")) {
            rows.next();
            head = rows.getLong(1);
        }
        processorAt(connection, ALERT_DELIVERY, head);
        return head;
    }

    /**
     * Puts the query side's processor at the ledger's head, where a query side that had followed the ledger would be:
     * the rebuild then runs beside live read models that are up to date, not beside a processor folding the whole
     * history at the same time. (Its read models stay empty; the rebuild does not read them.)
     */
    private static void queryProcessorAtHead(Connection connection, long head) throws SQLException {
        processorAt(connection, QUERY_PROCESSOR, head);
    }

    /** Gives {@code processor} one segment whose token stands at {@code position}, as Axon's JDBC token store does. */
    private static void processorAt(Connection connection, String processor, long position) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM token_entry WHERE processor_name = ?")) {
            delete.setString(1, processor);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO token_entry (processor_name, segment, "
                + "token, token_type, timestamp) VALUES (?, 0, ?, ?, ?)")) {
            insert.setString(1, processor);
            insert.setBytes(2, ("{\"index\":" + position + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8));
            insert.setString(3, "org.axonframework.eventhandling.GapAwareTrackingToken");
            insert.setString(4, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    /** The query side's start-up on the ledger, when profiled. */
    Optional<Profiler.Profile> startUpProfile() {
        return Optional.ofNullable(startUpProfile);
    }

    static long slowest(JsonNode status) {
        long slowest = Long.MAX_VALUE;
        for (JsonNode processor : status.path("processors")) {
            slowest = Math.min(slowest, processor.path("position").asLong());
        }
        return slowest == Long.MAX_VALUE ? 0 : slowest;
    }

    long countEvents() throws SQLException {
        try (Connection ledger = cluster.connect()) {
            return Cluster.countEvents(ledger);
        }
    }
}
