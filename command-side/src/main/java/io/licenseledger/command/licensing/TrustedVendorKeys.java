package io.licenseledger.command.licensing;

import io.licenseledger.command.CommandSideProperties;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vendor public keys license files are checked against: inline ones from configuration and the
 * {@code *.jwk.json} files of a folder, read at each import so a key can be added without a restart.
 */
@Component
record TrustedVendorKeys(CommandSideProperties properties, JsonMapper json) {

    Set<Ed25519PublicKey> current() {
        Set<Ed25519PublicKey> keys = new LinkedHashSet<>();
        for (String inline : properties.trustedVendorKeys()) {
            keys.add(new Ed25519PublicKey(Base64Url.decode(inline.trim(), "a configured vendor key")));
        }
        keys.addAll(fromFolder(properties.trustedVendorKeysDir()));
        return keys;
    }

    private List<Ed25519PublicKey> fromFolder(Path folder) {
        List<Ed25519PublicKey> keys = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jwk.json")) {
            for (Path file : files) {
                Map<String, Object> jwk = json.readValue(file.toFile(), new TypeReference<>() {
                });
                keys.add(Ed25519PublicKey.fromJwk(jwk));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the trusted vendor keys in " + folder, e);
        }
        return keys;
    }
}
