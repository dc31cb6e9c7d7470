package io.licenseledger.e2e;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.launcher.LedgerRows;
import io.licenseledger.launcher.LoopbackPorts;
import io.licenseledger.launcher.ServiceProcess;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.LicenseDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Both real services on one store, a vendor key they trust, an admin token, and HTTP helpers to drive them. */
final class LedgerCluster implements AutoCloseable {

    record Response(int status, String contentType, JsonNode body) {
        String code() {
            return body.path("code").asString();
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final LedgerStore store;
    final Ed25519PrivateKey vendorKey = Ed25519PrivateKey.generate(new SecureRandom());
    final String adminToken = "e2e-admin-" + UUID.randomUUID();
    private final Path workDir;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> JVM_FLAGS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final int commandPort = LoopbackPorts.free();
    private final int queryPort = LoopbackPorts.free();
    ServiceProcess commandSide;
    ServiceProcess querySide;

    private final List<String> extraArguments = new ArrayList<>();
    private final Map<String, String> extraEnvironment = new HashMap<>();
    private final List<String> licenseKeys = new CopyOnWriteArrayList<>();

    LedgerCluster(LedgerStore store, Path workDir) {
        this.store = store;
        this.workDir = workDir;
    }

    /** On the store the build selected ({@link LedgerStore#selected}), its logs in a new folder. */
    static LedgerCluster onSelectedStore(String logFolderPrefix) throws IOException, SQLException {
        return new LedgerCluster(LedgerStore.selected(), tempDir(logFolderPrefix));
    }

    /** Both services read one clock that {@link #advanceClock} moves forward, instead of tests sleeping. */
    LedgerCluster withAdjustableClock() {
        extraArguments.add("--ledger.clock.adjustable=true");
        extraArguments.add("--ledger.sweeper.interval=PT0.2S");
        return this;
    }

    /** A variable of both services' environment: where a secret goes, since each service's log shows its command line. */
    LedgerCluster withEnvironment(String name, String value) {
        extraEnvironment.put(name, value);
        return this;
    }

    /** Extra arguments for both services, such as settings a test needs. */
    LedgerCluster withArguments(String... arguments) {
        extraArguments.addAll(List.of(arguments));
        return this;
    }

    ServiceProcess newQuerySide() {
        List<String> args = new ArrayList<>(commonArguments());
        args.add("--ledger.console.command-url=http://127.0.0.1:" + commandPort);
        return new ServiceProcess("query-side", jar("ledger.queryJar"), queryPort, JVM_FLAGS, args, environment(),
                workDir);
    }

    /** Moves both services' time forward and answers the new server time. */
    Instant advanceClock(Duration by) {
        Response answer = post(command(), "/api/v1/admin/clock/advance", Map.of("by", by.toString()), adminToken);
        if (answer.status() != 200) {
            throw new IllegalStateException("clock not advanced: " + answer);
        }
        return Instant.parse(answer.body().get("now").asString());
    }

    Instant serverNow() {
        return advanceClock(Duration.ZERO);
    }

    LedgerCluster start() {
        startCommandSide();
        startQuerySide();
        return this;
    }

    /** A new command-side process on the same port and store, healthy when this returns. */
    void startCommandSide() {
        commandSide = newCommandSide();
        commandSide.start(START_TIMEOUT);
    }

    /** A new query-side process on the same port and store, healthy when this returns. */
    void startQuerySide() {
        querySide = newQuerySide();
        querySide.start(START_TIMEOUT);
    }

    ServiceProcess newCommandSide() {
        List<String> args = new ArrayList<>(commonArguments());
        args.add("--ledger.trusted-vendor-keys[0]=" + Base64Url.encode(vendorKey.publicKey().raw()));
        return new ServiceProcess("command-side", jar("ledger.commandJar"), commandPort, JVM_FLAGS, args,
                environment(), workDir);
    }

    private List<String> commonArguments() {
        List<String> args = new ArrayList<>(store.serviceArguments());
        args.addAll(extraArguments);
        return args;
    }

    /** The token in the environment, as {@code ./ledger run} passes it: a command line is visible to every user. */
    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(store.serviceEnvironment());
        environment.put("LEDGER_ADMIN_TOKEN", adminToken);
        environment.putAll(extraEnvironment);
        return environment;
    }

    /** The directory of the services' captured output. */
    Path workDir() {
        return workDir;
    }

    /** Every secret this run handed out or used, by what it is: the admin token, each license key and credential. */
    Map<String, String> secretsUsed() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("admin token", adminToken);
        for (String licenseKey : licenseKeys) {
            secrets.put("license key " + licenseKey.substring(0, 12) + "...", licenseKey);
            JsonNode claims = JSON.readTree(Base64Url.decode(licenseKey.substring("LL1.".length()), "license key"));
            secrets.put("credential of " + claims.get("project").asString(), claims.get("credential").asString());
        }
        return secrets;
    }

    /** Each of the secrets found in a file under the data dir or the services' output, as "name in file". */
    List<String> filesHolding(Map<String, String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(store.dataDir(), workDir)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    secrets.forEach((name, secret) -> {
                        if (content.contains(secret)) {
                            found.add(name + " in " + file);
                        }
                    });
                }
            }
        }
        return found;
    }

    String command() {
        return commandSide.baseUrl();
    }

    String query() {
        return querySide.baseUrl();
    }

    // ---- admin and SDK helpers

    String signLicense(String licenseId, LicenseItem... items) {
        return new LicenseDocument(new LicenseId(licenseId), "E2E Customer", Instant.now(), List.of(items)).sign(vendorKey);
    }

    long countEvents(String projectId, String eventType, String payloadContains) throws SQLException {
        try (Connection connection = store.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?")) {
            statement.setString(1, projectId);
            statement.setString(2, "io.licenseledger.events.project." + eventType);
            long count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (new String(rows.getBytes(1), java.nio.charset.StandardCharsets.UTF_8).contains(payloadContains)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    Response importLicense(String licenseFile) {
        return post(command(), "/api/v1/licenses", Map.of("licenseFile", licenseFile), adminToken);
    }

    /** Creates a project, attaches the given items and returns {projectId, licenseKey}. */
    String[] createProjectWith(String name, ItemId... items) {
        Response created = post(command(), "/api/v1/projects", Map.of("name", name), adminToken);
        if (created.status() != 201) {
            throw new IllegalStateException("project not created: " + created);
        }
        String projectId = created.body().get("projectId").asString();
        licenseKeys.add(created.body().get("licenseKey").asString());
        for (ItemId item : items) {
            Response attached = post(command(), "/api/v1/projects/" + projectId + "/items",
                    Map.of("itemId", item.value()), adminToken);
            if (attached.status() != 200) {
                throw new IllegalStateException("item not attached: " + attached);
            }
        }
        return new String[]{projectId, created.body().get("licenseKey").asString()};
    }

    Response authorize(String licenseKey, String deviceId) {
        return post(command(), "/api/v1/authorize", Map.of("licenseKey", licenseKey, "deviceId", deviceId), null);
    }

    /** Each device asks at the same moment, on a thread of its own; the answers in the order of the devices. */
    List<Response> authorizeAtOnce(String licenseKey, List<String> deviceIds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(deviceIds.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (String deviceId : deviceIds) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return authorize(licenseKey, deviceId);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            threads.shutdown();
        }
    }

    Response post(String base, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(token == null ? request : request.header("Authorization", "Bearer " + token));
    }

    Response put(String base, String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response get(String base, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken).GET());
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            // JSON answers parsed; anything else (an NDJSON export, a CSV report) kept as its text
            JsonNode parsed = body == null || body.isBlank() ? JSON.createObjectNode()
                    : contentType.contains("json") && !contentType.contains("ndjson") ? JSON.readTree(body)
                    : JSON.getNodeFactory().stringNode(body);
            return new Response(response.statusCode(), contentType, parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a query-side read until it satisfies the expectation, for at most {@code timeout}. */
    Response awaitQuery(String path, Predicate<JsonNode> expectation, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Response last;
        do {
            last = get(query(), path);
            if (last.status() == 200 && expectation.test(last.body())) {
                return last;
            }
            LedgerCluster.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("query side did not show the expected state within " + timeout + ": " + last);
    }

    // ---- checks on the ledger itself

    long countEvents(String projectId, String eventType) throws SQLException {
        try (Connection connection = store.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?")) {
            statement.setString(1, projectId);
            statement.setString(2, "io.licenseledger.events.project." + eventType);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    List<String> authorizedDevices(String projectId) throws SQLException {
        try (Connection connection = store.connect()) {
            return LedgerRows.authorizedDevices(connection, projectId);
        }
    }

    private static Path jar(String property) {
        return Path.of(System.getProperty(property, "missing-" + property)).toAbsolutePath().normalize();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    @Override
    public void close() throws Exception {
        try (store; var query = querySide; var commands = commandSide) {
            // closes the services, then the store
        }
    }
}
