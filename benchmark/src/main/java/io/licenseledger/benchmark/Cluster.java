package io.licenseledger.benchmark;

import io.licenseledger.launcher.LaunchLayout;
import io.licenseledger.launcher.LoopbackPorts;
import io.licenseledger.launcher.ServiceProcess;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.LicenseDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Both real services on one fresh embedded H2 store, a vendor key the command side trusts, an admin token, and the
 * admin calls that set up licenses and projects. The store is opened exactly as the services open it.
 */
final class Cluster implements AutoCloseable {

    /** A project as the admin API created it; the license key is what its devices present. */
    record Project(String projectId, String licenseKey) {
    }

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Each service's start-up target, to health UP. */
    static final double START_UP_TARGET_S = 10;

    final Http http = new Http();
    final String adminToken = "bench-admin-" + UUID.randomUUID();
    final Path logDir;
    private Path dataDir;
    private final Options options;
    private final Ed25519PrivateKey vendorKey = Ed25519PrivateKey.generate(new SecureRandom());
    private final int commandPort = LoopbackPorts.free();
    private final int queryPort = LoopbackPorts.free();
    private final int storePort = LoopbackPorts.free();
    /** Each service as ./ledger runs it: its jar extracted, with the class archive its first run wrote. */
    private final LaunchLayout commandLaunch;
    private final LaunchLayout queryLaunch;
    ServiceProcess commandSide;
    ServiceProcess querySide;

    Cluster(Options options, Path workDir) {
        this.options = options;
        this.logDir = workDir.resolve("logs");
        this.commandLaunch = LaunchLayout.extract(options.commandJar(), workDir.resolve("launch/command-side"));
        this.queryLaunch = LaunchLayout.extract(options.queryJar(), workDir.resolve("launch/query-side"));
        useStore(workDir.resolve("data"));
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the embedded store lives; services started from now on use this one. */
    void useStore(Path directory) {
        try {
            this.dataDir = Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    ServiceProcess newCommandSide() {
        List<String> arguments = new ArrayList<>(commonArguments());
        arguments.add("--ledger.trusted-vendor-keys[0]=" + Base64Url.encode(vendorKey.publicKey().raw()));
        List<String> jvmFlags = new ArrayList<>(options.jvmFlags("command-side", logDir));
        jvmFlags.addAll(commandLaunch.classDataSharingFlags());
        return new ServiceProcess("command-side", commandLaunch.jar(), commandPort, jvmFlags, arguments,
                environment(), logDir);
    }

    ServiceProcess newQuerySide() {
        return newQuerySide(List.of());
    }

    ServiceProcess newQuerySide(List<String> extraJvmFlags) {
        List<String> jvmFlags = new ArrayList<>(options.jvmFlags("query-side", logDir));
        jvmFlags.addAll(queryLaunch.classDataSharingFlags());
        jvmFlags.addAll(extraJvmFlags);
        List<String> arguments = new ArrayList<>(commonArguments());
        // The benchmark counts rows of the read models while the query side runs, which the service alone never lets
        // another process do: on this throwaway store only, H2's auto-server (on 127.0.0.1, where the service's main
        // binds H2) lets it look in.
        arguments.add("--spring.datasource.url=" + readModelsUrl());
        return new ServiceProcess("query-side", queryLaunch.jar(), queryPort, jvmFlags, arguments, environment(),
                logDir);
    }

    private List<String> commonArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add("--ledger.data-dir=" + dataDir);
        arguments.add("--ledger.embedded-store.port=" + storePort);
        arguments.addAll(options.serviceArguments());
        return arguments;
    }

    /** As {@code ./ledger run} starts them: the token out of the command line, two malloc arenas (see service.jvm). */
    private Map<String, String> environment() {
        return Map.of("LEDGER_ADMIN_TOKEN", adminToken, "MALLOC_ARENA_MAX", "2");
    }

    /**
     * The URL the query side uses (its application.yml): the command side's H2 server, which commits with
     * {@code WRITE_DELAY=0}, so the baseline commits exactly as the services do.
     */
    String jdbcUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + storePort + "/ledger";
    }

    /** The ledger, through the command side, which must be running. */
    Connection connect() throws SQLException {
        return connect(jdbcUrl(), ledgerPassword());
    }

    /** The query side's own store, through the auto-server {@link #newQuerySide} gives it. */
    Connection connectReadModels() throws SQLException {
        return connect(readModelsUrl(), "");
    }

    private String readModelsUrl() {
        return "jdbc:h2:file:" + dataDir + "/read-models;AUTO_SERVER=TRUE";
    }

    /**
     * The store opened by this JVM alone, while no service runs, with H2's background writer on: for loading test
     * data, which is not a measured write. Its pages are compressed, as the command side writes them. The command
     * side must have started on it once (it sets the password).
     */
    Connection connectForLoading() throws SQLException {
        return connect("jdbc:h2:file:" + dataDir + "/ledger;WRITE_DELAY=500;RETENTION_TIME=0;COMPRESS=TRUE",
                ledgerPassword());
    }

    /** The events in the ledger {@code ledger} opens. */
    static long countEvents(Connection ledger) throws SQLException {
        try (Statement statement = ledger.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Generated by the command side at its first start on the store. */
    private String ledgerPassword() throws SQLException {
        try {
            return Files.readString(dataDir.resolve("ledger-db.secret")).strip();
        } catch (IOException e) {
            throw new SQLException("no ledger password: the command side writes it at its first start", e);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        credentials.setProperty("password", password);
        return new org.h2.Driver().connect(url, credentials);
    }

    String command(String path) {
        return commandSide.baseUrl() + path;
    }

    String query(String path) {
        return querySide.baseUrl() + path;
    }

    // ---- admin API

    /** Signs a license of the given items with the vendor key and imports it. */
    void importLicense(String licenseId, List<LicenseItem> items) {
        String file = new LicenseDocument(new LicenseId(licenseId), "Benchmark Customer",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), items).sign(vendorKey);
        http.postJson(command("/api/v1/licenses"), Map.of("licenseFile", file), adminToken)
                .expect(201, "license " + licenseId + " import");
    }

    Project createProject(String name, String... itemIds) {
        Http.Response created = http.postJson(command("/api/v1/projects"), Map.of("name", name), adminToken)
                .expect(201, "project " + name);
        Project project = new Project(created.json().get("projectId").asString(),
                created.json().get("licenseKey").asString());
        for (String itemId : itemIds) {
            http.postJson(command("/api/v1/projects/" + project.projectId() + "/items"), Map.of("itemId", itemId),
                    adminToken).expect(200, "attach " + itemId);
        }
        return project;
    }

    static LicenseItem seats(String itemId, long seats) {
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return new LicenseItem(new ItemId(itemId), LicenseType.PER_DEVICE, seats, from, from.plus(365, ChronoUnit.DAYS),
                ActiveWindow.P30D, Duration.ofDays(7), null, OveragePolicy.NONE, null);
    }

    static LicenseItem units(String itemId, long units) {
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return new LicenseItem(new ItemId(itemId), LicenseType.PER_USAGE, units, from, from.plus(365, ChronoUnit.DAYS),
                null, Duration.ofDays(1), null, OveragePolicy.NONE, null);
    }

    /** The SDK's authorization of {@code deviceId} on {@code project}. */
    Http.Response authorize(Project project, String deviceId) {
        return http.postJson(command("/api/v1/authorize"), authorizeBody(project.licenseKey(), deviceId), null);
    }

    /** The size of a file of the store's data dir, or -1 when it cannot be read. */
    long storeFileSize(String name) {
        try {
            return Files.size(dataDir.resolve(name));
        } catch (IOException e) {
            return -1;
        }
    }

    // ---- SDK request bodies (identifiers are [A-Za-z0-9._:-], so no escaping is needed)

    static String authorizeBody(String licenseKey, String deviceId) {
        return "{\"licenseKey\":\"" + licenseKey + "\",\"deviceId\":\"" + deviceId + "\"}";
    }

    private static final String[] FEATURES = {"scan", "print", "export"};

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

    @Override
    public void close() {
        if (querySide != null) {
            querySide.stop();
        }
        if (commandSide != null) {
            commandSide.stop();
        }
    }
}
