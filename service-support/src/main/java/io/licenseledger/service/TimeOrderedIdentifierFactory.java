package io.licenseledger.service;

import org.axonframework.common.IdentifierFactory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Axon's message identifiers (event identifiers among them) as time-ordered UUIDs, version 7 of RFC 9562, instead of
 * random ones: 48 bits of the Unix time in milliseconds, then 74 random bits. The ledger's unique index on event
 * identifiers then grows at its end, as its primary key does, rather than having every commit rewrite a random leaf
 * of it (README, "Ledger file size"). Axon finds it through {@link java.util.ServiceLoader}.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    @Override
    public String generateIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long timeAndVersion = (System.currentTimeMillis() << 16) | VERSION_7 | (random.nextLong() & 0x0FFFL);
        long variantAndRandom = VARIANT_RFC | (random.nextLong() >>> 2);
        return new UUID(timeAndVersion, variantAndRandom).toString();
    }
}
