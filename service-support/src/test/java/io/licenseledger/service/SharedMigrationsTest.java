package io.licenseledger.service;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared migrations as both services apply them to one H2 store, each under its own history table. */
class SharedMigrationsTest {

    private static final String SHARED = SharedMigrations.LEDGER;
    private static final String SERVICE = "classpath:db/service";

    private final SharedMigrations migrations = new SharedMigrations();

    @Test
    void theSecondServiceToMigrateChangesNothing() {
        DataSource store = memoryStore();
        commandSide(store).load().migrate();
        new JdbcTemplate(store).update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, "
                + "sequence_number, type, time_stamp, payload_type, payload) VALUES ('e1', 'prj_1', 0, 'Project', "
                + "'2026-11-29T09:00:00Z', 'ProjectCreated', X'7b7d')");

        querySide(store).load().migrate();

        assertThat(new JdbcTemplate(store).queryForObject("SELECT payload FROM domain_event_entry", byte[].class))
                .isEqualTo("{}".getBytes());
    }

    @Test
    void aStoreAlreadyPastTheSharedVersionsStillTakesALaterOne() {
        DataSource store = storeMigratedBeforeV003();

        commandSide(store).load().migrate();

        assertThat(new JdbcTemplate(store).queryForList("SELECT \"version\" FROM \"schema_history_command\" "
                + "WHERE \"type\" = 'SQL' ORDER BY \"installed_rank\"", String.class)).containsExactly("0.01", "0.02", "1", "0.03", "1.01");
    }

    @Test
    void withoutOutOfOrderFlywayRefusesALaterSharedMigration() {
        DataSource store = storeMigratedBeforeV003();

        assertThatThrownBy(() -> Flyway.configure().dataSource(store).table("schema_history_command")
                .locations(SHARED, SERVICE).placeholders(SqlDialect.H2.placeholders()).load().migrate())
                .hasMessageContaining("0.03");
    }

    @Test
    void twoServicesMigratingOneNewStoreAtOnceBothStart(@TempDir Path dataDir) throws Exception {
        ExecutorService services = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 5; round++) {
            String url = "jdbc:h2:file:" + dataDir.resolve("ledger-" + round) + ";WRITE_DELAY=0";
            DataSource store = new DriverManagerDataSource(url, "sa", "");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> migrated = new ArrayList<>();
            for (FluentConfiguration service : List.of(commandSide(store), querySide(store))) {
                Flyway flyway = service.load();
                migrated.add(services.submit(() -> {
                    start.await();
                    migrations.migrationsInTurn(url).migrate(flyway);
                    return null;
                }));
            }
            start.countDown();

            for (Future<?> service : migrated) {
                service.get(2, TimeUnit.MINUTES);
            }

            JdbcTemplate jdbc = new JdbcTemplate(store);
            assertThat(columnTypes(jdbc)).containsEntry("DOMAIN_EVENT_ENTRY.PAYLOAD", "BINARY VARYING NO");
            assertThat(jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE '%COPY%'", String.class)).isEmpty();
            jdbc.execute("SHUTDOWN");
        }
        services.shutdown();
    }

    private FluentConfiguration commandSide(DataSource store) {
        return service(store, "schema_history_command", SHARED, SERVICE);
    }

    private FluentConfiguration querySide(DataSource store) {
        return service(store, "schema_history_query", SHARED);
    }

    /** As Spring Boot configures Flyway from a service's application.yml, with this module's customizer. */
    private FluentConfiguration service(DataSource store, String historyTable, String... locations) {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(store)
                .table(historyTable)
                .locations(locations)
                .baselineOnMigrate(true)
                .baselineVersion("0");
        migrations.dialectAndOutOfOrder().customize(configuration);
        return configuration;
    }

    /** Migrated up to the service's own V1 while the newest shared migration was V0_02. */
    private static DataSource storeMigratedBeforeV003() {
        DataSource store = memoryStore();
        SqlDialect.flyway(store).table("schema_history_command").locations(SHARED).target("0.02").load().migrate();
        SqlDialect.flyway(store).table("schema_history_command").locations(SERVICE)
                .ignoreMigrationPatterns("*:missing").load().migrate();
        return store;
    }

    private static DataSource memoryStore() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** Table.column to data type and nullability, of the payload and meta-data columns. */
    private static Map<String, String> columnTypes(JdbcTemplate jdbc) {
        Map<String, String> types = new HashMap<>();
        jdbc.query("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS "
                        + "WHERE TABLE_SCHEMA = 'PUBLIC' AND COLUMN_NAME IN ('PAYLOAD', 'META_DATA')",
                (RowCallbackHandler) rs -> types.put(rs.getString(1) + "." + rs.getString(2),
                        rs.getString(3) + " " + rs.getString(4)));
        return types;
    }
}
