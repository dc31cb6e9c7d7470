package io.licenseledger.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The limits on failed attempts ({@code ledger.rate-limit.*}): wrong license keys per presented key and per client
 * address, wrong API tokens per client address. A limited client is refused before its attempt is looked at.
 */
public class RateLimits {

    private final FailureLimiter licenseKeys;
    private final FailureLimiter sdkAddresses;
    private final FailureLimiter tokenAddresses;

    RateLimits(LedgerProperties.RateLimit settings, Ticker ticker) {
        this.licenseKeys = new FailureLimiter(settings.licenseKeyFailures(), settings.period(), settings.maxTracked(),
                ticker);
        this.sdkAddresses = new FailureLimiter(settings.addressFailures(), settings.period(), settings.maxTracked(),
                ticker);
        this.tokenAddresses = new FailureLimiter(settings.tokenFailures(), settings.period(), settings.maxTracked(),
                ticker);
    }

    /**
     * Runs {@code check} of a presented license key unless the key or the client address is limited, and counts it
     * against both when it fails as {@code LICENSE_KEY_INVALID}.
     */
    public <T> T checkLicenseKey(String licenseKey, String clientAddress, Supplier<T> check) {
        String key = ApiTokens.sha256Hex(licenseKey);
        refuseIfLimited(licenseKeys, key);
        refuseIfLimited(sdkAddresses, clientAddress);
        try {
            return check.get();
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.LICENSE_KEY_INVALID) {
                licenseKeys.recordFailure(key);
                sdkAddresses.recordFailure(clientAddress);
            }
            throw e;
        }
    }

    /**
     * Runs {@code check} of a presented API token (the console's sign-in) unless the client address is limited, and
     * counts an empty answer against the address, as a wrong bearer token is counted.
     */
    public <T> Optional<T> checkApiToken(String clientAddress, Supplier<Optional<T>> check) {
        refuseTokenAttemptIfLimited(clientAddress);
        Optional<T> found = check.get();
        if (found.isEmpty()) {
            tokenFailed(clientAddress);
        }
        return found;
    }

    void refuseTokenAttemptIfLimited(String clientAddress) {
        refuseIfLimited(tokenAddresses, clientAddress);
    }

    void tokenFailed(String clientAddress) {
        tokenAddresses.recordFailure(clientAddress);
    }

    private static void refuseIfLimited(FailureLimiter limiter, String key) {
        limiter.retryAfter(key).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }
}
