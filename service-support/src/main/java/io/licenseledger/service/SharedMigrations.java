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
 * {@code db/common} and {@code db/eventstore} among their own.
 */
@Configuration(proxyBeanMethods = false)
class SharedMigrations {

    /**
     * The shared migrations are numbered 0.x, below each service's own, so one added later lands under versions a
     * store already has, and Flyway would refuse to start rather than apply it.
     */
    @Bean
    FlywayConfigurationCustomizer sharedMigrationsOutOfOrder() {
        return configuration -> configuration.outOfOrder(true);
    }

    /**
     * On the embedded H2 file the two services migrate in turn: H2 fails DDL that two connections run at once, and
     * Flyway records the migration as failed, after which that service no longer starts.
     */
    @Bean
    FlywayMigrationStrategy migrationsInTurn(@Value("${spring.datasource.url:}") String url) {
        return flyway -> migrateInTurn(url, flyway);
    }

    /** Migrates; on an embedded H2 file, only while no other service migrates it. */
    static void migrateInTurn(String url, Flyway flyway) {
        EmbeddedLedgerStore.h2File(url).ifPresentOrElse(
                database -> inTurn(Path.of(database + ".migration.lock"), flyway::migrate),
                flyway::migrate);
    }

    /** The migrations of the tables both services share, for the database at {@code url}. */
    static String[] sharedLocations(String url) {
        String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        return new String[]{"classpath:db/common", "classpath:db/eventstore/" + vendor};
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
