package io.licenseledger.audittool;

import io.licenseledger.audit.ExportVerifier;
import io.licenseledger.audit.TrustedLedgerKeys;
import io.licenseledger.audit.VerificationReport;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies an export (NDJSON, plain or gzip) with no server: every event's digest, the hash chain,"
                + " each checkpoint's signature by a trusted ledger key, and that nothing was cut off.",
                "Prints the first bad position and why (exit 1), or the counts, the last signed position and how many"
                        + " positions after it no signature covers (exit 0)."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<export file|->", description = "the export, or - for standard input")
    private String export;

    @Option(names = "--key", required = true, paramLabel = "<jwks or jwk file>",
            description = "the ledger's public key(s): the command side's /.well-known/jwks.json saved, or one JWK;"
                    + " repeat for several")
    private List<Path> keyFiles = new ArrayList<>();

    @Override
    public Integer call() throws CommandFailure {
        List<Ed25519PublicKey> keys = new ArrayList<>();
        for (Path file : keyFiles) {
            keys.addAll(readKeys(file));
        }
        VerificationReport report;
        try (InputStream in = "-".equals(export) ? System.in : Files.newInputStream(Path.of(export))) {
            report = new ExportVerifier(keys).verify(in);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("cannot read export " + export + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailure("cannot read export " + export + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (report.intact()) {
            out.printf("INTACT: positions %d to %d: %d events, %d omitted (outside the filter), %d checkpoints%n",
                    report.after() + 1, report.position(), report.events(), report.omitted(), report.checkpoints());
            out.println(report.lastSignedPosition() < 0
                    ? "WARNING: no signed checkpoint in this export: nothing proves it came from the ledger"
                    : "last signed position: " + report.lastSignedPosition() + "; " + report.unsignedPositions()
                    + " positions after it are not covered by a signature yet");
        } else {
            out.printf("TAMPERED at position %d (%s): %s%n", report.position(), report.failure(), report.reason());
            out.printf("verified before it: %d events, %d omitted, %d checkpoints; last signed position: %s%n",
                    report.events(), report.omitted(), report.checkpoints(),
                    report.lastSignedPosition() < 0 ? "none" : Long.toString(report.lastSignedPosition()));
        }
        out.flush();
        return report.intact() ? 0 : AuditTool.TAMPERED;
    }

    private static List<Ed25519PublicKey> readKeys(Path file) throws CommandFailure {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CommandFailure("cannot read key file " + file + (e instanceof NoSuchFileException
                    ? ": no such file" : ": " + e.getMessage()));
        }
        try {
            return TrustedLedgerKeys.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("key file " + file + ": " + e.getMessage());
        }
    }
}
