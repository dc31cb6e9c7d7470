package io.licenseledger.benchmark;

import io.licenseledger.audit.ExportVerifier;
import io.licenseledger.audit.TrustedLedgerKeys;
import io.licenseledger.audit.VerificationReport;
import io.licenseledger.launcher.ChainSeed;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.licenseformat.Ed25519PublicKey;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The auditor's export and offline verify, on the ledger the scenarios before left (the replay's million events when it
 * ran). Rows no chain covers yet are chained by JDBC, with a checkpoint every {@value #CHECKPOINT_EVERY} events and at
 * the head, signed with a key of this run; then {@code GET /api/v1/audit/export} is read over HTTP into a file, and
 * that file verified in this JVM with the ledger keys the command side publishes and the run's key.
 */
final class AuditExport {

    record Result(long positions, long events, long checkpoints, double chainSeconds, double exportSeconds,
                  double exportEventsPerSecond, long exportBytes, double verifySeconds, double verifyEventsPerSecond,
                  String verification) {
    }

    static final long CHECKPOINT_EVERY = 10_000;
    private static final double VERIFY_TARGET = 100_000;

    private final Cluster cluster;

    AuditExport(Cluster cluster) {
        this.cluster = cluster;
    }

    void measure(Path workDir, Report report) throws SQLException, IOException, InterruptedException {
        Ed25519PrivateKey runKey = Ed25519PrivateKey.generate(new SecureRandom());
        Console.step("audit: chaining the ledger's events no chain row covers yet, by JDBC");
        long chainStart = System.nanoTime();
        try (Connection connection = cluster.connect()) {
            new ChainSeed(runKey, CHECKPOINT_EVERY).chain(connection, true);
        }
        double chainSeconds = (System.nanoTime() - chainStart) / 1e9;

        Console.step("audit: GET /api/v1/audit/export into a file");
        Path export = workDir.resolve("audit-export.ndjson");
        long exportStart = System.nanoTime();
        HttpResponse<Path> exported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(cluster.query("/api/v1/audit/export")))
                .header("Authorization", "Bearer " + cluster.adminToken).build(), HttpResponse.BodyHandlers.ofFile(export));
        double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
        if (exported.statusCode() != 200) {
            throw new IllegalStateException("the export answered HTTP " + exported.statusCode() + ": "
                    + Files.readString(export));
        }

        Console.step("audit: verifying the export in this JVM");
        List<Ed25519PublicKey> keys = new ArrayList<>(TrustedLedgerKeys.parse(
                cluster.http.get(cluster.command("/.well-known/jwks.json"), null).text()));
        keys.add(runKey.publicKey());
        long verifyStart = System.nanoTime();
        VerificationReport verified;
        try (InputStream in = Files.newInputStream(export)) {
            verified = new ExportVerifier(keys).verify(in);
        }
        double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
        long positions = verified.position() - verified.after();
        Result result = new Result(positions, verified.events(), verified.checkpoints(), chainSeconds, exportSeconds,
                positions / exportSeconds, Files.size(export), verifySeconds, positions / verifySeconds,
                verified.intact() ? "intact" : verified.failure() + " at " + verified.position() + ": "
                        + verified.reason());
        Files.delete(export);
        report.detail("audit", result);
        String size = String.format(Locale.ROOT, "%,d positions, %,.0f MB", positions, result.exportBytes() / 1e6);
        report.add(String.format(Locale.ROOT, "audit: export over HTTP (%,d events)", positions),
                Report.rate(result.exportEventsPerSecond(), "events") + String.format(Locale.ROOT, " (%.1f s)",
                        exportSeconds), null, null,
                size + String.format(Locale.ROOT, "; the chain of the rows not chained yet written by JDBC in %.0f s"
                        + " beforehand", chainSeconds));
        report.add(String.format(Locale.ROOT, "audit: verify offline (%,d events)", positions),
                Report.rate(result.verifyEventsPerSecond(), "events") + String.format(Locale.ROOT, " (%.1f s)",
                        verifySeconds), ">= 100,000 events/s",
                verified.intact() && result.verifyEventsPerSecond() >= VERIFY_TARGET,
                "one thread, constant memory, from the exported file; " + result.verification() + ", "
                        + verified.checkpoints() + " checkpoints");
    }
}
