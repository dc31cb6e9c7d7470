package io.licenseledger.service;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Makes sure an admin can get in: a configured token is registered; with none configured and none on record, one is
 * generated and written once to a file only its owner can read, whose path is printed. The token itself is never
 * printed: the console is often captured into a log file (the launcher keeps one under the data dir).
 */
record ApiTokenBootstrap(ApiTokens tokens, LedgerProperties properties, Path generatedTokenFile, PrintStream console)
        implements ApplicationRunner {

    static final int MIN_TOKEN_LENGTH = 24;
    static final String GENERATED_TOKEN_FILE = "generated-admin-token";

    ApiTokenBootstrap {
        generatedTokenFile = generatedTokenFile.toAbsolutePath().normalize();
    }

    @Override
    public void run(ApplicationArguments args) {
        registerConfigured("configured-admin", ApiTokens.Role.ADMIN, properties.adminToken());
        registerConfigured("configured-auditor", ApiTokens.Role.AUDITOR, properties.auditorToken());
        if (properties.generateAdminToken() && !tokens.hasAny(ApiTokens.Role.ADMIN)) {
            String token = tokens.newToken();
            SecretFiles.write(generatedTokenFile, token);
            if (tokens.register("generated-admin", ApiTokens.Role.ADMIN, token)) {
                console.println("""

                        ==================================================================
                         License Ledger generated an admin API token and wrote it, once, to
                           %s
                         (readable by this user only). Send it as 'Authorization: Bearer <token>';
                         keep it where you keep secrets, then delete that file. Only its hash is kept.
                        ==================================================================
                        """.formatted(generatedTokenFile));
            }
        }
    }

    private void registerConfigured(String name, ApiTokens.Role role, String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException("the configured " + role.name().toLowerCase()
                    + " token is too short: use at least " + MIN_TOKEN_LENGTH + " characters");
        }
        tokens.register(name, role, token);
    }
}
