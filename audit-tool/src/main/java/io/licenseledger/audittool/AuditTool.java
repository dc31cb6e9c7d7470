package io.licenseledger.audittool;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "ll-audit", mixinStandardHelpOptions = true, versionProvider = AuditTool.Version.class,
        description = "Verifies a License Ledger export offline, and exports the ledger straight from its store.",
        footer = {"", "Exit codes: 0 done (an export verified intact); 1 an export failed verification (tampered,"
                + " cut short, forged checkpoint);", "2 bad usage, or a file, key or store that could not be used."})
public final class AuditTool implements Runnable {

    static final int TAMPERED = 1;
    static final int UNUSABLE = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AuditTool())
                .addSubcommand(new CommandLine.HelpCommand())
                .addSubcommand(new VerifyCommand())
                .addSubcommand(new ExportCommand())
                .setParameterExceptionHandler(AuditTool::reportUsageError)
                .setExecutionExceptionHandler(AuditTool::reportFailure);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: verify or export (see --help)");
    }

    private static int reportUsageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + error.getMessage());
        return UNUSABLE;
    }

    /** Never exit 1 on an error of the tool's own: 1 means the export failed verification. */
    private static int reportFailure(Exception error, CommandLine command, ParseResult parsed) {
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + (error instanceof CommandFailure
                ? error.getMessage() : "unexpected error: " + error));
        return UNUSABLE;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AuditTool.class.getPackage().getImplementationVersion();
            return new String[] {"ll-audit " + (version == null ? "(development build)" : version)};
        }
    }
}
