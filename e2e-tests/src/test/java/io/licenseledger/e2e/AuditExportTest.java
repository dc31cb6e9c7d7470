package io.licenseledger.e2e;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.audit.LedgerChain;
import io.licenseledger.audit.StoredEvent;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.launcher.ChainSeed;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.licenseledger.audit.testing.ExportLines.checkpointLine;
import static io.licenseledger.audit.testing.ExportLines.eventLine;
import static io.licenseledger.audit.testing.ExportLines.indexOfPosition;
import static io.licenseledger.audit.testing.ExportLines.join;
import static io.licenseledger.audit.testing.ExportLines.kind;
import static io.licenseledger.audit.testing.ExportLines.line;
import static io.licenseledger.audit.testing.ExportLines.lines;
import static io.licenseledger.audit.testing.ExportLines.node;
import static io.licenseledger.audit.testing.ExportLines.rehash;
import static io.licenseledger.audit.testing.ExportLines.storedEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An auditor's path over a real run: a license imported, projects created, devices authorized, usage reported; the
 * ledger exported over HTTP and verified by the real {@code ll-audit} jar with the ledger keys the command side
 * publishes in its JWKS; then copies tampered with in each way an attacker might, each caught by verify with its
 * position and kind. The command side writes the chain and signs the checkpoints; with
 * {@code -Dledger.e2e.seedChain=true} the test chains the run's rows itself and signs with a key of its own instead
 * (for a build whose command side does not write the chain).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportTest {

    private static final boolean SEED_CHAIN = Boolean.getBoolean("ledger.e2e.seedChain");
    private static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AutoClose
    private LedgerCluster cluster;
    private Path dir;
    private Path trustedKeys;
    private String export;
    private String auditedProject;
    private String otherProject;

    @BeforeAll
    void runExportAndVerify() throws Exception {
        cluster = LedgerCluster.onSelectedStore("ledger-audit").start();
        dir = LedgerCluster.tempDir("ledger-audit-files");
        LicenseItem seats = Items.perDevice("audit-seats", 5, OveragePolicy.NONE);
        LicenseItem units = Items.perUsage("audit-units", 1_000, OveragePolicy.NONE);
        LicenseItem otherSeats = Items.perDevice("other-seats", 2, OveragePolicy.NONE);
        assertThat(cluster.importLicense(cluster.signLicense("AUDIT-LICENSE", seats, units, otherSeats)).status())
                .isEqualTo(201);
        String[] audited = cluster.createProjectWith("Audited project", seats.itemId(), units.itemId());
        String[] other = cluster.createProjectWith("Other project", otherSeats.itemId());
        auditedProject = audited[0];
        otherProject = other[0];
        for (int i = 1; i <= 3; i++) {
            assertThat(cluster.authorize(audited[1], "device-" + i).status()).isEqualTo(200);
        }
        assertThat(cluster.authorize(other[1], "other-device").status()).isEqualTo(200);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(cluster.post(cluster.command(), "/api/v1/usage", Map.of("licenseKey", audited[1], "deviceId",
                "device-1", "batchId", "b-1", "entries", List.of(Map.of("at", now.minusSeconds(60).toString(),
                        "units", 600, "feature", "scan"))), null).status()).isEqualTo(200);

        trustedKeys = SEED_CHAIN ? seedChain() : publishedKeysOnceSigned();
        export = exportOverHttp("").body();
        Files.writeString(dir.resolve("export.ndjson"), export);
    }

    @Test
    void anExportOfARealRunVerifiesIntactWithThePublishedLedgerKeys() throws Exception {
        Verify verified = verify(export);

        assertThat(verified.code).as(verified.output).isZero();
        assertThat(verified.output).startsWith("INTACT: positions 1 to ").contains("0 omitted")
                .doesNotContain("WARNING");
        assertThat(eventLines(export)).isEqualTo(eventsInLedger());
    }

    @Test
    void aProjectsGzippedExportVerifiesAndShowsNothingOfTheOtherProject() throws Exception {
        HttpResponse<byte[]> zipped = HTTP.send(request("?project=" + auditedProject + "&gzip=true"),
                HttpResponse.BodyHandlers.ofByteArray());
        Path file = Files.write(dir.resolve("project.ndjson.gz"), zipped.body());

        Verify verified = verify(file);

        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(verified.code).as(verified.output).isZero();
        assertThat(verified.output).matches("(?s)INTACT: positions \\d+ to \\d+: \\d+ events, [1-9]\\d* omitted.*");
        String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains(auditedProject).doesNotContain(otherProject).doesNotContain("other-device");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void verifyCatchesEachTamperingAtItsPosition(UnaryOperator<List<String>> tampering, String expected)
            throws Exception {
        Verify verified = verify(join(tampering.apply(lines(export))));

        assertThat(verified.code).as(verified.output).isEqualTo(1);
        assertThat(verified.output).startsWith("TAMPERED at position " + expected);
    }

    Stream<Arguments> tamperings() {
        List<String> lines = lines(export);
        long usage = positionOf(lines, "UsageRecorded", 0);
        long authorized = positionOf(lines, "DeviceAuthorized", 1);
        long created = positionOf(lines, "ProjectCreated", 0);
        long lastCheckpoint = node(lines.get(lastIndexOf(lines, "checkpoint"))).get("position").asLong();
        long checkpointAfterUsage = checkpointAtOrAfter(lines, usage);
        long swapped = consecutiveEvents(lines);
        return Stream.of(
                tampering("an altered payload (units)", edit(usage, line -> line.put("payload",
                        changed(line.get("payload").asString(), "\"units\":600", "\"units\":6"))),
                        usage + " (ALTERED)"),
                tampering("an altered time", edit(authorized, line -> line.put("time",
                        Instant.parse(line.get("time").asString()).minus(Duration.ofDays(1)).toString())),
                        authorized + " (ALTERED)"),
                tampering("an altered actor", edit(created, line -> line.put("metadata",
                        line.get("metadata").asString().replaceFirst("\"actor\":\"[^\"]*\"",
                                "\"actor\":\"admin:someone-else\""))), created + " (ALTERED)"),
                tampering("an inserted event", copy -> {
                    int index = indexOfPosition(copy, authorized);
                    StoredEvent original = storedEvent(node(copy.get(index)));
                    StoredEvent forged = new StoredEvent(authorized + 1, original.globalIndex() + 100_000, "forged",
                            original.aggregateId(), original.sequence() + 100, original.type(), original.revision(),
                            original.time(), original.metadata(), original.payload().replace("device-", "forged-"));
                    byte[] digest = LedgerChain.digest(forged);
                    byte[] hash = LedgerChain.next(LedgerChain.fromHex(node(copy.get(index)).get("chainHash")
                            .asString()), digest);
                    copy.add(index + 1, eventLine(forged, digest, hash));
                    return copy;
                }, (authorized + 2) + " (OUT_OF_ORDER)"),
                tampering("a removed event", copy -> {
                    copy.remove(indexOfPosition(copy, authorized));
                    return copy;
                }, authorized + " (OUT_OF_ORDER)"),
                tampering("two swapped events", copy -> {
                    int first = indexOfPosition(copy, swapped);
                    copy.set(first, copy.set(first + 1, copy.get(first)));
                    return copy;
                }, swapped + " (OUT_OF_ORDER)"),
                tampering("a tail cut before the last checkpoint", copy ->
                        new ArrayList<>(copy.subList(0, indexOfPosition(copy, lastCheckpoint - 1) + 1)),
                        lastCheckpoint + " (TRUNCATED)"),
                tampering("a checkpoint signed by another key", copy -> {
                    int index = lastIndexOf(copy, "checkpoint");
                    ObjectNode genuine = node(copy.get(index));
                    copy.set(index, checkpointLine(Checkpoint.sign(lastCheckpoint,
                            LedgerChain.fromHex(genuine.get("chainHash").asString()), Instant.now(), false,
                            Ed25519PrivateKey.generate(new SecureRandom()))));
                    return copy;
                }, lastCheckpoint + " (FORGED_CHECKPOINT)"),
                tampering("an altered checkpoint", copy -> {
                    int index = lastIndexOf(copy, "checkpoint");
                    copy.set(index, line(node(copy.get(index)).put("signedAt", "2020-01-01T00:00:00Z")));
                    return copy;
                }, lastCheckpoint + " (FORGED_CHECKPOINT)"),
                tampering("an altered payload with every digest and chain hash after it recomputed", copy -> {
                    int index = indexOfPosition(copy, usage);
                    ObjectNode line = node(copy.get(index));
                    copy.set(index, line(line.put("payload", changed(line.get("payload").asString(),
                            "\"units\":600", "\"units\":6"))));
                    rehash(copy, index);
                    return copy;
                }, checkpointAfterUsage + " (CHECKPOINT_MISMATCH)"));
    }

    private static Arguments tampering(String name, UnaryOperator<List<String>> tampering, String expected) {
        return Arguments.of(Named.of(name, tampering), expected);
    }

    private static UnaryOperator<List<String>> edit(long position, UnaryOperator<ObjectNode> change) {
        return copy -> {
            int index = indexOfPosition(copy, position);
            copy.set(index, line(change.apply(node(copy.get(index)))));
            return copy;
        };
    }

    private static String changed(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    /** The position of the {@code skip}-th event of a type (by its simple name). */
    private static long positionOf(List<String> lines, String type, int skip) {
        return lines.stream().map(line -> node(line))
                .filter(line -> line.path("type").asString().endsWith("." + type))
                .skip(skip).findFirst().orElseThrow(() -> new AssertionError("no " + type + " in the export"))
                .get("position").asLong();
    }

    private static int lastIndexOf(List<String> lines, String kind) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (kind(lines.get(i)).equals(kind)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " line in the export");
    }

    private static long checkpointAtOrAfter(List<String> lines, long position) {
        return lines.stream().map(line -> node(line)).filter(line -> line.get("kind").asString().equals("checkpoint"))
                .mapToLong(line -> line.get("position").asLong()).filter(at -> at >= position).min()
                .orElseThrow(() -> new AssertionError("no checkpoint at or after " + position));
    }

    /** The first position whose event line is followed by the event line of the next one. */
    private static long consecutiveEvents(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (kind(lines.get(i)).equals("event") && kind(lines.get(i + 1)).equals("event")) {
                return node(lines.get(i)).get("position").asLong();
            }
        }
        throw new AssertionError("no two consecutive events in the export");
    }

    private static long eventLines(String export) {
        return lines(export).stream().filter(line -> kind(line).equals("event")).count();
    }

    /** The test's own chain and checkpoint, over the rows the run wrote; a key file with the test's key. */
    private Path seedChain() throws SQLException, IOException {
        Ed25519PrivateKey ledgerKey = Ed25519PrivateKey.generate(new SecureRandom());
        try (Connection connection = cluster.store.connect()) {
            new ChainSeed(ledgerKey, 0).chain(connection, true);
        }
        return Files.writeString(dir.resolve("ledger-key.jwk.json"),
                LedgerCluster.JSON.writeValueAsString(ledgerKey.publicKey().toJwk()));
    }

    /** The command side's JWKS, once a checkpoint it signed covers every event of the run. */
    private Path publishedKeysOnceSigned() throws Exception {
        long events = eventsInLedger();
        Instant deadline = Instant.now().plus(CHECKPOINT_WAIT);
        long signed = signedEvents();
        while (signed < events && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            signed = signedEvents();
        }
        assertThat(signed).as("events of the run (%d) covered by a checkpoint the command side signed within %s;"
                + " none means the command side writes no chain", events, CHECKPOINT_WAIT).isGreaterThanOrEqualTo(events);
        HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.command()
                + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        return Files.writeString(dir.resolve("jwks.json"), jwks.body());
    }

    private long eventsInLedger() throws SQLException {
        return single("SELECT COUNT(*) FROM domain_event_entry");
    }

    private long signedEvents() throws SQLException {
        return single("SELECT COALESCE(MAX(chain_position), 0) FROM ledger_checkpoint");
    }

    private long single(String sql) throws SQLException {
        try (Connection connection = cluster.store.connect();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private HttpResponse<String> exportOverHttp(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(query), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(URI.create(cluster.query() + "/api/v1/audit/export" + query))
                .header("Authorization", "Bearer " + cluster.adminToken).timeout(Duration.ofSeconds(60)).build();
    }

    private Verify verify(String export) throws Exception {
        Path file = Files.createTempFile(dir, "copy", ".ndjson");
        Files.writeString(file, export);
        return verify(file);
    }

    /** {@code java -jar audit-tool.jar verify <file> --key <keys>}, as an auditor runs it. */
    private Verify verify(Path file) throws Exception {
        Path jar = Path.of(System.getProperty("ledger.auditJar", "missing-ledger.auditJar"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "verify", file.toString(), "--key", trustedKeys.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Verify(process.exitValue(), output);
    }

    private record Verify(int code, String output) {
    }
}
