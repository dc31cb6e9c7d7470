package io.licenseledger.service;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Both services migrate the one database, each under its own history table, with the shared migrations of
 * {@code db/ledger} (and {@code db/tracking}) among their own; one migration per table serves H2 and PostgreSQL, with
 * the placeholders of {@link SqlDialect}.
 */
@Configuration(proxyBeanMethods = false)
public class SharedMigrations {

    /** The tables both services share: the ledger, the API tokens, the clock offset. */
    public static final String LEDGER = "classpath:db/ledger";
    /** Axon's tracking tokens, in each service's own database. */
    public static final String TRACKING = "classpath:db/tracking";

    /**
     * The datasource's dialect. Out of order: the shared migrations are numbered below each service's own, so one
     * added later lands under versions a store already has, and Flyway would refuse to start rather than apply it.
     */
    @Bean
    FlywayConfigurationCustomizer dialectAndOutOfOrder() {
        return configuration -> configuration.outOfOrder(true)
                .placeholders(SqlDialect.of(configuration.getDataSource()).placeholders());
    }

    /**
     * On the embedded H2 file the two services migrate in turn: H2 fails DDL that two connections run at once, and
     * Flyway records the migration as failed, after which that service no longer starts.
     */
    @Bean
    FlywayMigrationStrategy migrationsInTurn(@Value("${spring.datasource.url:}") String url) {
        return flyway -> migrateInTurn(url, flyway);
    }

    /**
     * Migrates (a store of the per-dialect migrations first gets its baseline, see {@link PerDialectHistory}); on an
     * embedded H2 file, only while no other service migrates it.
     */
    static void migrateInTurn(String url, Flyway flyway) {
        Runnable migration = () -> {
            PerDialectHistory.baselineAnUpgradedStore(flyway);
            flyway.migrate();
        };
        EmbeddedLedgerStore.h2File(url).ifPresentOrElse(
                database -> inTurn(Path.of(database + ".migration.lock"), migration), migration);
    }

    static void inTurn(Path lockFile, Runnable migration) {
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock(channel)) {
                migration.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile + " to migrate the database", e);
        }
    }

    /** The system makes another process wait; a lock held in this JVM (two services in one test) is polled for. */
    private static FileLock lock(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }
}
