package io.licenseledger.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Settings both services read under {@code ledger.*}.
 *
 * @param adminToken         an admin API token to accept (its hash is stored); none means one is generated once
 * @param auditorToken       an auditor API token to accept (read-only)
 * @param generateAdminToken whether to generate and print an admin token when none exists
 * @param maxRequestBytes    larger bodies are refused with 413
 * @param publicPaths        paths under /api/v1 that need no API token (the SDK's)
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(
        String adminToken,
        String auditorToken,
        @DefaultValue("true") boolean generateAdminToken,
        @DefaultValue("1048576") long maxRequestBytes,
        @DefaultValue List<String> publicPaths) {
}
