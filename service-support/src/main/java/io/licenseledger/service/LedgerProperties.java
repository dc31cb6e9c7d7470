package io.licenseledger.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings both services read under {@code ledger.*}.
 *
 * @param adminToken         an admin API token to accept (its hash is stored); none means one is generated once
 * @param auditorToken       an auditor API token to accept (read-only)
 * @param generateAdminToken whether to generate and print an admin token when none exists
 * @param maxRequestBytes    larger bodies are refused with 413
 * @param rateLimit          how many failed attempts a client may make before it is answered 429
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(
        String adminToken,
        String auditorToken,
        @DefaultValue("true") boolean generateAdminToken,
        @DefaultValue("1048576") long maxRequestBytes,
        @DefaultValue RateLimit rateLimit) {

    /**
     * Failure limits ({@code ledger.rate-limit.*}): each is a bucket of that many failures, refilled evenly over
     * {@code period}; successful requests take nothing from it.
     *
     * @param licenseKeyFailures wrong SDK attempts with one presented license key
     * @param addressFailures    wrong SDK attempts (license keys) from one client address
     * @param tokenFailures      wrong admin/auditor tokens from one client address
     * @param period             how long an emptied bucket takes to fill again
     * @param maxTracked         most keys or addresses each limit remembers (bounded memory)
     */
    public record RateLimit(
            @DefaultValue("20") int licenseKeyFailures,
            @DefaultValue("50") int addressFailures,
            @DefaultValue("20") int tokenFailures,
            @DefaultValue("PT1M") Duration period,
            @DefaultValue("20000") int maxTracked) {
    }
}
