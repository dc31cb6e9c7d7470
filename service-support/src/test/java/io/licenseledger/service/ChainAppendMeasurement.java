package io.licenseledger.service;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Not a check but a figure: what chaining costs an append, on a file-backed H2 store with the service's flags. The
 * same engine appends transactions of {@code EVENTS_PER_TRANSACTION} events without the chain and with it, in
 * alternate rounds, on one thread (the machine's load moves both alike). Run on demand:
 * {@code mvn -pl service-support -am test -Dtest=ChainAppendMeasurement -Dledger.measure.append=5000
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "ledger.measure.append", matches = "\\d+")
class ChainAppendMeasurement {

    private static final int EVENTS_PER_TRANSACTION = 4;
    private static final int ROUNDS = 6;

    @Test
    void appendCostOfTheChain(@TempDir Path dir) {
        int transactions = Integer.getInteger("ledger.measure.append");
        String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0";
        try (ChainedLedger ledger = new ChainedLedger(url, "sa", Ed25519PrivateKey.generate(new SecureRandom()),
                Clock.systemUTC(), 1000)) {
            if (Boolean.getBoolean("ledger.measure.without-foreign-key")) {
                ledger.database.jdbc().execute("ALTER TABLE ledger_chain DROP CONSTRAINT fk_ledger_chain_event");
            }
            long[] sequence = {0};
            round(ledger::appendUnchained, 1000, sequence);
            round(ledger::append, 1000, sequence);
            for (int round = 1; round <= ROUNDS; round++) {
                double plain = round(ledger::appendUnchained, transactions, sequence);
                double chained = round(ledger::append, transactions, sequence);
                System.out.printf("round %d: %,.0f transactions/s without the chain, %,.0f with it (%.2fx)%n",
                        round, plain, chained, chained / plain);
            }
        }
    }

    /** Transactions per second. */
    private static double round(Consumer<List<EventMessage<?>>> append, int transactions, long[] sequence) {
        long start = System.nanoTime();
        for (int t = 0; t < transactions; t++) {
            long first = sequence[0];
            sequence[0] += EVENTS_PER_TRANSACTION;
            append.accept(IntStream.range(0, EVENTS_PER_TRANSACTION).<EventMessage<?>>mapToObj(i ->
                    new GenericDomainEventMessage<>("Project", "prj_measured", first + i,
                            Map.of("deviceId", "device-" + (first + i), "projectId", "prj_measured"),
                            MetaData.with("actor", "license-key:0123456789abcdef"))).toList());
        }
        return transactions / ((System.nanoTime() - start) / 1e9);
    }
}
