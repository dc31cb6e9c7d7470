package io.licenseledger.vendortool;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Creates the vendor's Ed25519 key pair: " + KeygenCommand.PRIVATE_KEY_FILE
                + " (secret, mode 600; it signs licenses) and " + KeygenCommand.PUBLIC_KEY_FILE
                + " (give it to the License Ledger server as a trusted vendor key)."})
final class KeygenCommand implements Callable<Integer> {

    static final String PRIVATE_KEY_FILE = "vendor-private.jwk.json";
    static final String PUBLIC_KEY_FILE = "vendor-public.jwk.json";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "<dir>",
            description = "Directory for the two key files; created if missing.")
    private Path outDirectory;

    @Option(names = "--force",
            description = "Replace an existing key pair. Licenses signed with the old key then no longer verify"
                    + " against the new public key.")
    private boolean force;

    private final SecureRandom random;

    KeygenCommand(SecureRandom random) {
        this.random = random;
    }

    @Override
    public Integer call() throws CommandFailure {
        Path privateFile = outDirectory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = outDirectory.resolve(PUBLIC_KEY_FILE);
        for (Path file : List.of(privateFile, publicFile)) {
            if (Files.exists(file)) {
                if (!force) {
                    throw new CommandFailure(file + " already exists; use --force to replace the key pair");
                }
                VendorFiles.delete(file);
            }
        }
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
        VendorFiles.writeJson(privateFile, key.toJwk(), VendorFiles.OWNER_ONLY);
        VendorFiles.writeJson(publicFile, key.publicKey().toJwk(), VendorFiles.WORLD_READABLE);

        PrintWriter out = spec.commandLine().getOut();
        out.println("key id:      " + key.keyId());
        out.println("private key: " + privateFile + "  (keep it secret; it signs licenses)");
        out.println("public key:  " + publicFile + "  (configure the server to trust it)");
        out.flush();
        return 0;
    }
}
