package io.licenseledger.service;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A ledger in a database other than the service's own: the query side's view of the command side's H2 file. */
class LedgerDatabaseTest {

    @Test
    void aSeparateLedgerOpenedWhileTheCommandSideMigratesTheNewFileStartsWithEveryTable(@TempDir Path dataDir)
            throws Exception {
        for (int round = 0; round < 3; round++) {
            String url = "jdbc:h2:file:" + dataDir.resolve("ledger-" + round) + ";WRITE_DELAY=0";
            DataSource commandSideStore = new DriverManagerDataSource(url, "sa", "");
            Flyway commandSide = SqlDialect.flyway(commandSideStore).table("schema_history_command")
                    .locations(SharedMigrations.LEDGER).baselineOnMigrate(true).baselineVersion("0")
                    .outOfOrder(true).load();
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Void> commandSideMigrated = CompletableFuture.runAsync(() -> {
                awaitQuietly(start);
                SharedMigrations.migrateInTurn(url, commandSide);
            });
            CompletableFuture<LedgerDatabase> opened = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(start);
                return LedgerDatabase.separate(url, "sa", "");
            });
            start.countDown();

            commandSideMigrated.get(2, TimeUnit.MINUTES);
            try (LedgerDatabase ledger = opened.get(2, TimeUnit.MINUTES)) {
                assertThat(ledger.isServiceDatabase()).isFalse();
                assertThat(ledger.jdbc().queryForList("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'PUBLIC'", String.class))
                        .contains("DOMAIN_EVENT_ENTRY", "SNAPSHOT_EVENT_ENTRY", "API_TOKEN", "CLOCK_OFFSET");
                assertThat(ledger.jdbc().queryForList("SELECT \"version\" FROM \"" + LedgerDatabase.HISTORY_TABLE
                        + "\" WHERE \"success\" AND \"type\" IN ('SQL', 'JDBC') ORDER BY \"installed_rank\"",
                        String.class)).containsExactly("0.01", "0.02", "0.03", "1.01", "1.02");
            }
            new JdbcTemplate(commandSideStore).execute("SHUTDOWN");
        }
    }

    @Test
    void closingASeparateLedgerClosesItsPoolAndNeverTheServicesOwnDataSource(@TempDir Path dataDir) {
        LedgerDatabase separate = LedgerDatabase.separate("jdbc:h2:file:" + dataDir.resolve("ledger"), "sa", "");
        separate.close();
        assertThat(((HikariDataSource) separate.dataSource()).isClosed()).isTrue();

        try (HikariDataSource own = new HikariDataSource()) {
            own.setJdbcUrl("jdbc:h2:mem:own");
            LedgerDatabase serviceDatabase = LedgerDatabase.serviceDatabase(own);
            assertThat(serviceDatabase.isServiceDatabase()).isTrue();
            assertThat(serviceDatabase.jdbc().queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
            serviceDatabase.close();
            assertThat(own.isClosed()).isFalse();
        }
    }

    @Test
    void aLedgerReadOverTcpComesBackWhenTheCommandSideServesItAgain(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("ledger");
        Path secretFile = dataDir.resolve("ledger-db.secret");
        EmbeddedLedgerStore.secure("jdbc:h2:file:" + file, "sa", secretFile);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + EmbeddedStoreServer.NAME;
        EmbeddedStoreServer server = new EmbeddedStoreServer(file, port);
        server.start();
        try (LedgerDatabase ledger = LedgerDatabase.separate(url, "sa",
                EmbeddedLedgerStore.password(url, "sa", secretFile))) {
            assertThat(ledger.jdbc().queryForObject("SELECT COUNT(*) FROM api_token", Integer.class)).isZero();

            server.stop();
            server = new EmbeddedStoreServer(file, port);
            server.start();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Integer tokens = null;
            while (tokens == null && System.nanoTime() < deadline) {
                try {
                    tokens = ledger.jdbc().queryForObject("SELECT COUNT(*) FROM api_token", Integer.class);
                } catch (org.springframework.dao.DataAccessException brokenConnectionEvicted) {
                    Thread.sleep(100);
                }
            }
            assertThat(tokens).as("the pool hands out live connections again").isZero();
        } finally {
            server.stop();
        }
    }

    private static void awaitQuietly(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
