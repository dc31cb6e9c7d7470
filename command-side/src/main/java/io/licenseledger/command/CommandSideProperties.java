package io.licenseledger.command;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-side settings under {@code ledger.*}.
 *
 * @param publicUrl            the main URL license keys point devices at
 * @param standbyUrl           an optional second URL written into license keys
 * @param trustedVendorKeysDir a folder of vendor public keys ({@code *.jwk.json}) whose license files are accepted
 * @param trustedVendorKeys    vendor public keys given inline, as base64url of the raw 32-byte Ed25519 key
 */
@ConfigurationProperties("ledger")
public record CommandSideProperties(String publicUrl, String standbyUrl, Path trustedVendorKeysDir,
                                    List<String> trustedVendorKeys) {

    public CommandSideProperties {
        trustedVendorKeys = trustedVendorKeys == null ? List.of() : List.copyOf(trustedVendorKeys);
    }
}
