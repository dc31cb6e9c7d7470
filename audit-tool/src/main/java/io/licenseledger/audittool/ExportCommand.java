package io.licenseledger.audittool;

import io.licenseledger.audit.ExportFilter;
import io.licenseledger.audit.LedgerConnections;
import io.licenseledger.audit.LedgerExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports the ledger as NDJSON straight from its store (the same export as the query side's"
                + " GET /api/v1/audit/export), in constant memory.",
                "The events of the filter in full, the others in the range as digests only, and the signed checkpoints."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--jdbc-url", required = true, paramLabel = "<url>",
            description = "the ledger: jdbc:h2:tcp://127.0.0.1:8082/ledger while the command side runs,"
                    + " jdbc:h2:file:./data/ledger when it is stopped, or jdbc:postgresql://...")
    private String jdbcUrl;

    @Option(names = "--user", defaultValue = "sa", paramLabel = "<user>", description = "default: ${DEFAULT-VALUE}")
    private String user;

    @Option(names = "--password-file", paramLabel = "<file>",
            description = "a file holding the store user's password (the embedded store's: data/ledger-db.secret)")
    private Path passwordFile;

    @Option(names = "--project", paramLabel = "<project id>", description = "only this project's events in full")
    private String project;

    @Option(names = "--from", paramLabel = "<instant>", description = "only events stored at or after (ISO-8601)")
    private Instant from;

    @Option(names = "--to", paramLabel = "<instant>", description = "only events stored before (ISO-8601)")
    private Instant to;

    @Option(names = "--after", paramLabel = "<position>", description = "resume after this chain position")
    private Long after;

    @Option(names = "--out", paramLabel = "<file>", description = "write here instead of standard output")
    private Path out;

    @Option(names = "--gzip", description = "gzip the export")
    private boolean gzip;

    @Override
    public Integer call() throws CommandFailure {
        ExportFilter filter;
        try {
            filter = new ExportFilter(project, from, to);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String password = password();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setReadOnly(true);
            LedgerExport export = new LedgerExport(LedgerConnections.single(connection));
            LedgerExport.Range range;
            try {
                range = export.plan(filter, after);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (OutputStream target = target()) {
                export.write(range, filter, target);
            }
            spec.commandLine().getErr().printf("exported positions %d to %d%n", range.after() + 1, range.last());
            return 0;
        } catch (SQLException e) {
            throw new CommandFailure("cannot read the ledger at " + jdbcUrl + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new CommandFailure("cannot write the export: " + e.getMessage());
        }
    }

    private String password() throws CommandFailure {
        if (passwordFile == null) {
            return "";
        }
        try {
            return Files.readString(passwordFile).strip();
        } catch (IOException e) {
            throw new CommandFailure("cannot read password file " + passwordFile);
        }
    }

    private OutputStream target() throws IOException {
        OutputStream raw = out == null ? new NonClosing(System.out) : Files.newOutputStream(out);
        OutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
        return gzip ? new GZIPOutputStream(buffered, 1 << 16) : buffered;
    }

    /** Standard output stays open for whatever the JVM prints after. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
