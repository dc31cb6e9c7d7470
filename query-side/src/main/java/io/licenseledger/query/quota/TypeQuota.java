package io.licenseledger.query.quota;

import java.time.Instant;

/**
 * A project's quota of one license type over the items valid now. {@code allowance} is the overage allowed past
 * {@code quota}; it is null when {@code unlimited}. {@code expiresAt} is when the last of those items ends.
 */
public record TypeQuota(String type, long quota, Long allowance, boolean unlimited, long used, long remaining,
                        Instant expiresAt) {
}
