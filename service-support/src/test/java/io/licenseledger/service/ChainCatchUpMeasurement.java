package io.licenseledger.service;

import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.service.testing.ChainCheck;
import io.licenseledger.service.testing.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a check but a figure: the rate at which the start-up catch-up chains a store's unchained events (those of a store
 * older than the chain), and the heap it takes, on a file-backed H2 store like the service's, or on PostgreSQL with
 * {@code -Dledger.measure.postgres=true}. Run on demand:
 * {@code mvn -pl service-support -am test -Dtest=ChainCatchUpMeasurement -Dledger.measure.catch-up=1000000
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx256m}.
 */
@EnabledIfSystemProperty(named = "ledger.measure.catch-up", matches = "\\d+")
class ChainCatchUpMeasurement {

    private static final Ed25519PrivateKey LEDGER_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final byte[] PAYLOAD = ("{\"projectId\":\"prj_0123456789abcdef\",\"deviceId\":\"device-%d\","
            + "\"itemId\":\"seats-0123456789\",\"licenseType\":\"PER_DEVICE\",\"authorizedAt\":"
            + "\"2026-12-07T20:00:00Z\",\"leaseExpiresAt\":\"2026-12-08T20:00:00Z\",\"overage\":false,"
            + "\"appId\":\"app\",\"hostname\":\"host-0123456789\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] META_DATA = ("{\"actor\":\"license-key:0123456789abcdef\",\"correlationId\":"
            + "\"0123456789abcdef0123456789abcdef\",\"traceId\":\"0123456789abcdef0123\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void catchUpRate(@TempDir Path dir) throws SQLException {
        long events = Long.getLong("ledger.measure.catch-up");
        boolean postgres = Boolean.getBoolean("ledger.measure.postgres");
        String url = postgres ? null : "jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0";
        try (TestStore postgresStore = postgres ? TestStore.postgres(TestStore.LOCAL_POSTGRES) : null;
             LedgerDatabase ledger = LedgerDatabase.separate(postgres ? postgresStore.url() : url,
                     postgres ? "postgres" : "sa", "")) {
            long seeding = System.nanoTime();
            seed(ledger, events);
            System.out.printf("seeded %,d events in %,d ms%n", events, (System.nanoTime() - seeding) / 1_000_000);
            LedgerChainWriter.ensureHead(ledger.jdbc());
            LedgerChainWriter writer = new LedgerChainWriter(LEDGER_KEY, Clock.systemUTC(), 1000);
            System.gc();
            resetPeaks();

            long start = System.nanoTime();
            long chained = writer.catchUp(ledger.jdbc(), new DataSourceTransactionManager(ledger.dataSource()), 5000);
            long millis = (System.nanoTime() - start) / 1_000_000;

            System.out.printf("catch-up: %,d events in %,d ms: %,d events/s; old generation at its peak %,d MB"
                            + " (heap %,d MB)%n", chained, millis, chained * 1000 / Math.max(1, millis),
                    peakOldGeneration() / 1048576, Runtime.getRuntime().maxMemory() / 1048576);
            assertThat(chained).isEqualTo(events);
            assertThat(ChainCheck.assertIntactAndComplete(ledger.jdbc(), LEDGER_KEY.publicKey())).hasSize((int) events);
        }
    }

    private static void seed(LedgerDatabase ledger, long events) throws SQLException {
        try (Connection connection = ledger.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry"
                     + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                     + " payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Project', ?, ?, '1', ?, ?)")) {
            connection.setAutoCommit(false);
            for (long i = 0; i < events; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "prj_" + (i % 1000));
                insert.setLong(3, i / 1000);
                insert.setString(4, "2026-12-07T20:00:00.123Z");
                insert.setString(5, "io.licenseledger.events.project.DeviceAuthorized");
                insert.setBytes(6, new String(PAYLOAD, StandardCharsets.UTF_8).replace("%d", Long.toString(i))
                        .getBytes(StandardCharsets.UTF_8));
                insert.setBytes(7, META_DATA);
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** What survives collections: the catch-up's memory, the young generation being its garbage. */
    private static long peakOldGeneration() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }
}
