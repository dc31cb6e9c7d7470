package io.licenseledger.command;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.licenseledger.service.LedgerFileCompactor;
import org.axonframework.common.IdentifierFactory;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends events to a real H2 ledger file the way the command side does: the URL of its {@code application.yml}
 * (with its store options), its pool, its migrations and its {@link LedgerFileCompactor} with the settings of that
 * file; rows shaped like Axon's (a random event identifier, about 440 bytes of payload and meta-data, 32 projects);
 * a group commit of several events per transaction from each committer, as the command bus' workers do.
 */
final class LedgerFileWorkload implements AutoCloseable {

    private static final int PROJECTS = 32;
    private static final Properties SERVICE = serviceSettings();

    private final Path file;
    private final HikariDataSource dataSource;
    private final LedgerFileCompactor compactor;
    private final AtomicLong[] sequences = new AtomicLong[PROJECTS];
    private final String[] projects = new String[PROJECTS];

    /** The command side's store, in {@code dataDir}; {@code urlOptions} replaces its H2 options when not null. */
    LedgerFileWorkload(Path dataDir, String urlOptions, boolean compacting) {
        String url = SERVICE.getProperty("spring.datasource.url").replace("${ledger.data-dir}", dataDir.toString());
        if (urlOptions != null) {
            url = url.split(";", 2)[0] + (urlOptions.isEmpty() ? "" : ";" + urlOptions);
        }
        file = dataDir.resolve("ledger.mv.db");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(Integer.parseInt(SERVICE.getProperty("spring.datasource.hikari.maximum-pool-size")));
        dataSource = new HikariDataSource(config);
        CommandSideSchema.migrate(dataSource);
        compactor = compacting ? new LedgerFileCompactor(dataSource,
                Duration.parse(setting("interval")),
                Integer.parseInt(setting("target-fill-rate")),
                Integer.parseInt(setting("bytes-per-round")),
                Integer.parseInt(setting("move-bytes-per-round")),
                Integer.parseInt(setting("max-busy-percent"))) : null;
        if (compactor != null) {
            compactor.start();
        }
        for (int p = 0; p < PROJECTS; p++) {
            projects[p] = UUID.randomUUID().toString();
            sequences[p] = new AtomicLong(nextSequence(projects[p]));
        }
    }

    /** Appends {@code events} from {@code committers} threads, {@code eventsPerCommit} to a transaction. */
    void append(long events, int committers, int eventsPerCommit) {
        AtomicLong claimed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (int c = 0; c < committers; c++) {
            Thread committer = new Thread(() -> {
                try {
                    commitUntil(events, claimed, eventsPerCommit);
                } catch (SQLException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(new IllegalStateException(e));
                    }
                }
            });
            threads.add(committer);
            committer.start();
        }
        for (Thread committer : threads) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /**
     * Writes about {@code bytes} into a table of their own and drops it again once {@code events} more events are
     * appended after them: free space before the ledger's latest chunks, which only moving chunks gives back. Answers
     * the file's size before the drop.
     */
    long leaveFreeSpaceBefore(long events, int bytes) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE scratch (id INT PRIMARY KEY, filler VARBINARY(65536))");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
                byte[] filler = new byte[65_536];
                for (int row = 0; row < bytes / filler.length; row++) {
                    ThreadLocalRandom.current().nextBytes(filler);
                    insert.setInt(1, row);
                    insert.setBytes(2, filler);
                    insert.executeUpdate();
                }
            }
            append(events, 1, 1);
            long full = fileBytes();
            sql.execute("DROP TABLE scratch");
            return full;
        }
    }

    long fileBytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long compactingRounds() {
        return compactor == null ? 0 : compactor.rewritingRounds();
    }

    /** Stops as the service does: the compactor, then the pool, whose last connection closes the database. */
    @Override
    public void close() {
        if (compactor != null) {
            compactor.stop();
        }
        dataSource.close();
    }

    private void commitUntil(long events, AtomicLong claimed, int eventsPerCommit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry "
                     + "(aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, "
                     + "payload_revision, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long first;
            while ((first = claimed.getAndAdd(eventsPerCommit)) < events) {
                for (long event = first; event < Math.min(events, first + eventsPerCommit); event++) {
                    int project = random.nextInt(PROJECTS);
                    insert.setString(1, projects[project]);
                    insert.setLong(2, sequences[project].getAndIncrement());
                    insert.setString(3, "Project");
                    insert.setString(4, IdentifierFactory.getInstance().generateIdentifier());
                    insert.setBytes(5, metaData(random));
                    insert.setBytes(6, payload(projects[project], random));
                    insert.setString(7, "1");
                    insert.setString(8, "io.licenseledger.events.project.DeviceAuthorized");
                    insert.setString(9, Instant.now().toString());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            }
        }
    }

    private long nextSequence(String project) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT COALESCE(MAX(sequence_number) + 1, 0)"
                     + " FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            query.setString(1, project);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] payload(String project, ThreadLocalRandom random) {
        return ("{\"projectId\":\"" + project + "\",\"deviceId\":\"device-" + random.nextInt(1_000_000)
                + "\",\"deviceName\":\"Workstation " + random.nextInt(10_000) + "\",\"appId\":\"desktop\","
                + "\"itemId\":\"acme-dev\",\"licenseId\":\"ACME-2026-001\",\"licenseType\":\"PER_DEVICE\","
                + "\"leaseExpiresAt\":\"" + Instant.now().plusSeconds(604_800) + "\",\"overage\":false,"
                + "\"authorizedAt\":\"" + Instant.now() + "\",\"firstSeen\":" + random.nextBoolean() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] metaData(ThreadLocalRandom random) {
        return ("{\"actor\":\"license-key:" + Long.toHexString(random.nextLong()) + "\",\"correlationId\":\""
                + UUID.randomUUID() + "\",\"traceId\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The service's compaction setting, unless a measurement overrides it with a system property of that name. */
    private static String setting(String name) {
        String key = "ledger.embedded-store.compaction." + name;
        return System.getProperty(key, SERVICE.getProperty(key));
    }

    private static Properties serviceSettings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject();
    }
}
