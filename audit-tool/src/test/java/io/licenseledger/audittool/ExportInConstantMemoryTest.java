package io.licenseledger.audittool;

import io.licenseledger.audit.ExportVerifier;
import io.licenseledger.audit.VerificationReport;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export reads the ledger page by page and streams every line out: in a JVM whose heap is smaller than the export
 * it writes, it completes. The ledger is served over H2's TCP server from this JVM, as the command side serves it, so
 * that the forked JVM holds the export and not the database engine. On CI (CI set) 1,000,000 events (about 500 MB of
 * export under a 24 MB heap, about 80 s); elsewhere 100,000 (about 50 MB, about 30 s), or {@code -Dledger.exportEvents}.
 */
class ExportInConstantMemoryTest {

    private static final long EVENTS = Long.getLong("ledger.exportEvents",
            System.getenv("CI") != null ? 1_000_000 : 100_000);
    private static final String HEAP = "-Xmx24m";

    @Test
    void anExportLargerThanTheHeapCompletesAndVerifies(@TempDir Path dir) throws Exception {
        Ed25519PrivateKey ledgerKey = Ed25519PrivateKey.generate(new SecureRandom());
        SeededLedger ledger = new SeededLedger(dir, EVENTS, ledgerKey, 10_000);
        Path export = dir.resolve("export.ndjson");

        Server server = Server.createTcpServer("-tcpPort", "0", "-ifExists", "-baseDir", dir.toString()).start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/ledger";
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), AuditTool.class.getName(),
                "export", "--jdbc-url", url, "--out", export.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("export.log").toFile()).start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        server.stop();

        assertThat(finished).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("export.log"))).isZero();
        assertThat(Files.size(export)).as("the export is twice the heap").isGreaterThan(2L * 24 * 1024 * 1024);
        VerificationReport report;
        try (InputStream in = Files.newInputStream(export)) {
            report = new ExportVerifier(List.of(ledgerKey.publicKey())).verify(in);
        }
        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.events()).isEqualTo(EVENTS);
        assertThat(report.lastSignedPosition()).isEqualTo(EVENTS / 10_000 * 10_000);
    }
}
