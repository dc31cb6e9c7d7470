package io.licenseledger.command;

import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.util.function.Supplier;

/** What a command side started by a test is told: its data folder, its two tokens and the vendor key it trusts. */
public final class CommandSideTestProperties {

    private CommandSideTestProperties() {
    }

    /** {@code dataDir} is asked for when the context starts, so that a {@code @TempDir} is set by then. */
    public static void register(DynamicPropertyRegistry registry, Supplier<Path> dataDir, String adminToken,
                                String auditorToken, Ed25519PublicKey trustedVendorKey) {
        registry.add("ledger.data-dir", () -> dataDir.get().toString());
        registry.add("ledger.admin-token", () -> adminToken);
        registry.add("ledger.auditor-token", () -> auditorToken);
        registry.add("ledger.trusted-vendor-keys[0]", () -> Base64Url.encode(trustedVendorKey.raw()));
    }
}
