package io.licenseledger.vendortool;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.security.SecureRandom;
import java.time.Clock;

@Command(name = "ll-vendor", mixinStandardHelpOptions = true, versionProvider = VendorTool.Version.class,
        description = "Creates the vendor key pair and issues signed License Ledger license files.",
        footer = {"", "Exit codes: 0 done; 1 failed (a file or key could not be used, a license did not verify);",
                "2 bad usage (an unknown option, an invalid item)."})
public final class VendorTool implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC(), new SecureRandom()).execute(args));
    }

    static CommandLine commandLine(Clock clock, SecureRandom random) {
        return new CommandLine(new VendorTool())
                .addSubcommand(new CommandLine.HelpCommand())
                .addSubcommand(new KeygenCommand(random))
                .addSubcommand(new IssueCommand(clock))
                .addSubcommand(new InspectCommand())
                .setParameterExceptionHandler(VendorTool::reportUsageError)
                .setExecutionExceptionHandler(VendorTool::reportFailure);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: keygen, issue or inspect (see --help)");
    }

    private static int reportUsageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + error.getMessage());
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int reportFailure(Exception error, CommandLine command, ParseResult parsed) throws Exception {
        if (!(error instanceof CommandFailure)) {
            throw error;
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + error.getMessage());
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = VendorTool.class.getPackage().getImplementationVersion();
            return new String[] {"ll-vendor " + (version == null ? "(development build)" : version)};
        }
    }
}
