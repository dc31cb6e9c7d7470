package io.licenseledger.query.quota;

import java.time.Instant;

/**
 * One attached item. {@code status} is where its term stands in time; {@code lifecycle} is what an admin made of it
 * (ACTIVE, SUSPENDED or REVOKED, rule L7), with the note and time of the last change (null while never changed).
 * {@code used} counts the devices holding a live seat on it (device types) or the units counted against it
 * (PER_USAGE); {@code daysToExpiry} is whole days until {@code validUntil}, 0 once expired.
 */
public record ItemStatus(String itemId, String licenseId, String type, long quantity, Instant validFrom,
                         Instant validUntil, Term status, String lifecycle, String lifecycleNote,
                         Instant lifecycleChangedAt, long daysToExpiry, String overage, String renewalOf,
                         long used, long remaining) {

    public enum Term { ACTIVE, EXPIRED, NOT_YET_VALID }
}
