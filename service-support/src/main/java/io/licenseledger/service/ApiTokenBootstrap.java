package io.licenseledger.service;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Makes sure an admin can get in: a configured token is registered; with none configured and none on record, one is
 * generated and printed once to the console, never to the log.
 */
class ApiTokenBootstrap implements ApplicationRunner {

    static final int MIN_TOKEN_LENGTH = 24;

    private final ApiTokens tokens;
    private final LedgerProperties properties;

    ApiTokenBootstrap(ApiTokens tokens, LedgerProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        registerConfigured("configured-admin", ApiTokens.Role.ADMIN, properties.adminToken());
        registerConfigured("configured-auditor", ApiTokens.Role.AUDITOR, properties.auditorToken());
        if (properties.generateAdminToken() && !tokens.hasAny(ApiTokens.Role.ADMIN)) {
            String token = tokens.newToken();
            if (tokens.register("generated-admin", ApiTokens.Role.ADMIN, token)) {
                System.out.println("""

                        ==================================================================
                         License Ledger generated an admin API token. It is shown ONCE:
                           %s
                         Send it as 'Authorization: Bearer <token>'. Only its hash is kept.
                        ==================================================================
                        """.formatted(token));
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
