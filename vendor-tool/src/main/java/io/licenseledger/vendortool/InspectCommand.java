package io.licenseledger.vendortool;

import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.licenseformat.Jws;
import io.licenseledger.licenseformat.JwsException;
import io.licenseledger.licenseformat.LicenseDocument;
import io.licenseledger.licenseformat.LicenseFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Prints a license file's payload as JSON on stdout, and on stderr whether the payload is a valid"
                + " license and, with --trust, whether the signature verifies.",
                "Exits 1 when the payload is invalid or the signature does not verify."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<license file>")
    private Path licenseFile;

    @Option(names = "--trust", paramLabel = "<public jwk file>",
            description = "A vendor public key to check the signature with; repeat for several.")
    private List<Path> trustedKeyFiles = new ArrayList<>();

    @Override
    public Integer call() throws CommandFailure {
        String token = VendorFiles.readText(licenseFile, "license file").trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new CommandFailure(licenseFile + " is not a license file: expected a compact JWS"
                    + " (three base64url parts separated by dots)");
        }
        JsonNode header = json(decoded(parts[0], "header"), "header");
        byte[] payload = decoded(parts[1], "payload");
        spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(json(payload, "payload")));
        spec.commandLine().getOut().flush();

        PrintWriter report = spec.commandLine().getErr();
        report.println("signed with: key " + header.path("kid").asString("(none named)")
                + ", alg " + header.path("alg").asString("(none)"));
        boolean payloadValid = reportPayload(payload, report);
        boolean signatureValid = trustedKeyFiles.isEmpty() ? reportUnchecked(report) : reportSignature(token, report);
        report.flush();
        return payloadValid && signatureValid ? 0 : 1;
    }

    private boolean reportPayload(byte[] payload, PrintWriter report) {
        try {
            LicenseDocument document = LicenseDocument.parse(payload);
            report.println("payload:     a valid license with " + document.items().size() + " item(s)");
            return true;
        } catch (LicenseFormatException e) {
            report.println("payload:     INVALID: " + e.getMessage());
            return false;
        }
    }

    private static boolean reportUnchecked(PrintWriter report) {
        report.println("signature:   not checked (pass --trust <public jwk file> to check it)");
        return true;
    }

    private boolean reportSignature(String token, PrintWriter report) throws CommandFailure {
        List<Ed25519PublicKey> trusted = new ArrayList<>();
        for (Path file : trustedKeyFiles) {
            trusted.add(VendorFiles.readPublicKey(file));
        }
        try {
            Jws.Verified verified = Jws.verify(token, trusted);
            report.println("signature:   verified with trusted key " + verified.key().keyId());
            return true;
        } catch (JwsException e) {
            report.println("signature:   INVALID: " + e.getMessage());
            return false;
        }
    }

    private JsonNode json(byte[] content, String what) throws CommandFailure {
        try {
            return Json.MAPPER.readTree(content);
        } catch (JacksonException e) {
            throw new CommandFailure(licenseFile + " is not a license file: its " + what + " is not JSON");
        }
    }

    private byte[] decoded(String part, String what) throws CommandFailure {
        try {
            return Base64Url.decode(part, "its " + what);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(licenseFile + " is not a license file: " + e.getMessage());
        }
    }
}
