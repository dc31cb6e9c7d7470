package io.licenseledger.audittool;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditToolTest {

    private static final Ed25519PrivateKey LEDGER_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final Ed25519PrivateKey LEASE_KEY = Ed25519PrivateKey.generate(new SecureRandom());

    @TempDir
    static Path dir;
    static SeededLedger ledger;
    static Path jwks;

    @BeforeAll
    static void seed() throws Exception {
        ledger = new SeededLedger(dir, 1_000, LEDGER_KEY, 100);
        jwks = Files.writeString(dir.resolve("jwks.json"), new tools.jackson.databind.json.JsonMapper()
                .writeValueAsString(Map.of("keys", List.of(LEASE_KEY.publicKey().toJwk(),
                        LEDGER_KEY.publicKey().toJwk()))));
    }

    @Test
    void aLedgerExportedFromItsStoreVerifiesIntactWithTheJwksOfTheLedger() throws IOException {
        Path export = dir.resolve("all.ndjson");

        Run exported = run("export", "--jdbc-url", ledger.url, "--out", export.toString());
        Run verified = run("verify", export.toString(), "--key", jwks.toString());

        assertThat(exported.code).as(exported.err).isZero();
        assertThat(verified.code).as(verified.err).isZero();
        assertThat(verified.out).contains("INTACT: positions 1 to 1000: 1000 events, 0 omitted (outside the filter),"
                + " 10 checkpoints").contains("last signed position: 1000; 0 positions");
        assertThat(Files.readAllLines(export)).hasSize(1 + 1000 + 10 + 1);
    }

    @Test
    void aProjectAndTimeRangeExportEndsAtTheCheckpointAfterItsLastEventAndVerifies() throws IOException {
        Path export = dir.resolve("project.ndjson.gz");

        Run exported = run("export", "--jdbc-url", ledger.url, "--project", "p-3", "--from",
                SeededLedger.FIRST.plusSeconds(60 * 200).toString(), "--to",
                SeededLedger.FIRST.plusSeconds(60 * 450).toString(), "--gzip", "--out", export.toString());
        Run verified = run("verify", export.toString(), "--key", jwks.toString());

        assertThat(exported.code).as(exported.err).isZero();
        assertThat(exported.err).contains("exported positions 203 to 500");
        assertThat(verified.out).contains("INTACT: positions 203 to 500: 25 events, 273 omitted", "3 checkpoints");
    }

    @Test
    void anExportAlteredAfterwardsFailsWithTheFirstBadPositionAndExitCodeOne() throws IOException {
        Path export = dir.resolve("altered.ndjson");
        run("export", "--jdbc-url", ledger.url, "--out", export.toString());
        Files.writeString(export, Files.readString(export).replace("\"device-417\\\"", "\"device-999\\\""));

        Run verified = run("verify", export.toString(), "--key", jwks.toString());

        assertThat(verified.code).isEqualTo(1);
        assertThat(verified.out).startsWith("TAMPERED at position 417 (ALTERED)");
    }

    @Test
    void anExportVerifiedWithAnotherKeyIsRefusedAtItsFirstCheckpoint() throws IOException {
        Path export = dir.resolve("other-key.ndjson");
        run("export", "--jdbc-url", ledger.url, "--out", export.toString());
        Path leaseOnly = Files.writeString(dir.resolve("lease.jwk.json"), new tools.jackson.databind.json.JsonMapper()
                .writeValueAsString(LEASE_KEY.publicKey().toJwk()));

        Run verified = run("verify", export.toString(), "--key", leaseOnly.toString());

        assertThat(verified.code).isEqualTo(1);
        assertThat(verified.out).startsWith("TAMPERED at position 100 (FORGED_CHECKPOINT)");
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertThat(run("verify", "x.ndjson").err).contains("--key");
        assertThat(run("verify", "x.ndjson").code).isEqualTo(2);
        assertThat(run("verify", dir.resolve("missing.ndjson").toString(), "--key", jwks.toString()))
                .satisfies(r -> assertThat(r.code).isEqualTo(2)).satisfies(r -> assertThat(r.err).contains("no such file"));
        assertThat(run("verify", "-", "--key", dir.resolve("missing.json").toString()).code).isEqualTo(2);
        assertThat(run("export", "--jdbc-url", ledger.url, "--from", "2026-11-02T00:00:00Z", "--to",
                "2026-11-01T00:00:00Z")).satisfies(r -> assertThat(r.code).isEqualTo(2))
                .satisfies(r -> assertThat(r.err).contains("from must be before to"));
        assertThat(run("export", "--jdbc-url", ledger.url, "--after", "1001"))
                .satisfies(r -> assertThat(r.code).isEqualTo(2))
                .satisfies(r -> assertThat(r.err).contains("after must be a chain position from 0 to the head, 1000"));
        assertThat(run("export", "--jdbc-url", ledger.url, "--from", "yesterday").code).isEqualTo(2);
        assertThat(run("export", "--jdbc-url", "jdbc:h2:tcp://127.0.0.1:1/none").code).isEqualTo(2);
        assertThat(run().code).isEqualTo(2);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = AuditTool.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }
}
