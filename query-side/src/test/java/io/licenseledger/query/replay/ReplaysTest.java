package io.licenseledger.query.replay;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.query.ProjectionConfiguration;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.service.LedgerSchemas;
import io.licenseledger.service.ReplayTokenTypes;
import io.licenseledger.service.SqlDialect;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static io.licenseledger.query.TestEvents.attached;
import static io.licenseledger.query.TestEvents.authorized;
import static io.licenseledger.query.TestEvents.entry;
import static io.licenseledger.query.TestEvents.item;
import static io.licenseledger.query.TestEvents.renewal;
import static io.licenseledger.query.TestEvents.unregistered;
import static io.licenseledger.query.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rebuild on a real Axon configuration without Spring Boot: the query side's projections under a pooled streaming
 * processor, as in the service, on a JDBC ledger in the same database as the read models (as on PostgreSQL), on H2
 * and on PostgreSQL. The live read models are built by the processor; the rebuilt ones must equal them row for row.
 */
class ReplaysTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GROUP = ProjectionConfiguration.PROCESSING_GROUP;
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Path PARTITION_DIRECTORY = Path.of("target", "rebuild-partitions");

    private Ledger ledger;

    @AfterEach
    void shutDown() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aRebuildAfterAMixedHistoryEqualsTheLiveReadModelsRowForRowOnH2() throws Exception {
        rebuildEqualsLive(ReadModelDatabase.migrated(), 12, FirstPass.PARTITIONS);
    }

    @Test
    void aRebuildAfterAMixedHistoryEqualsTheLiveReadModelsRowForRowOnPostgres() throws Exception {
        rebuildEqualsLive(ReadModelDatabase.migratedPostgres(), 5, FirstPass.PARTITIONS);
    }

    /** As on Axon Server, where the ledger is read as the catch-up reads it. */
    @Test
    void aRebuildChunkByChunkEqualsTheLiveReadModelsRowForRow() throws Exception {
        rebuildEqualsLive(ReadModelDatabase.migrated(), 6, FirstPass.CHUNKS);
    }

    @Test
    void theProcessorGoesOnFromWhereTheRebuildStoppedAndASecondRebuildChangesNothing() throws Exception {
        ledger = new Ledger(ReadModelDatabase.migrated(), FirstPass.PARTITIONS);
        ledger.append(new MixedHistory(7, 4).events());
        ledger.awaitCaughtUp();
        ledger.rebuild();

        ledger.append(new MixedHistory(8, 2).events());
        ledger.awaitCaughtUp();
        Map<String, List<Map<String, Object>>> followed = ledger.readModels();
        ReplayProgress second = ledger.rebuild();

        assertThat(second.phase()).isEqualTo("DONE");
        assertThat(ledger.readModels()).as("counted once: the processor went on from the rebuild's token")
                .isEqualTo(followed);
    }

    @Test
    void aSecondRebuildIsRefusedWhileOneRuns() throws Exception {
        ledger = new Ledger(ReadModelDatabase.migrated(), FirstPass.PARTITIONS);
        ledger.append(new MixedHistory(3, 8).events());
        ledger.awaitCaughtUp();

        assertThat(ledger.replays.start().running()).isTrue();
        assertThatThrownBy(ledger.replays::start).isInstanceOfSatisfying(LedgerException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        assertThat(ledger.replays.awaitEnd(WAIT.toMillis()).phase()).isEqualTo("DONE");
    }

    @Test
    void beforeAnyRebuildTheStatusShowsWhereTheProcessorIs() throws Exception {
        ledger = new Ledger(ReadModelDatabase.migrated(), FirstPass.PARTITIONS);
        ledger.append(new MixedHistory(5, 1).events());
        ledger.awaitCaughtUp();

        ReplayProgress status = ledger.replays.status();

        assertThat(status.running()).isFalse();
        assertThat(status.phase()).isEqualTo("IDLE");
        assertThat(status.startedAt()).isNull();
        assertThat(status.processors()).extracting(ReplayProgress.Processor::name).containsExactly(GROUP);
    }

    private void rebuildEqualsLive(JdbcTemplate database, int projects, FirstPass firstPass) throws Exception {
        ledger = new Ledger(database, firstPass);
        List<Object> history = new MixedHistory(42, projects).events();
        ledger.append(history);
        ledger.awaitCaughtUp();
        Map<String, List<Map<String, Object>>> live = ledger.readModels();
        Map<String, String> indexes = ledger.indexes();
        assertThat(live).as("every read model has rows").allSatisfy((table, rows) -> assertThat(rows).isNotEmpty());
        // A live row the ledger does not justify: the rebuild must not carry it over.
        ledger.jdbc.update("UPDATE qry_usage_hour SET units = units + 1000");

        ReplayProgress done = ledger.rebuild();

        assertThat(done.phase()).isEqualTo("DONE");
        assertThat(done.failure()).isNull();
        assertThat(done.events()).isEqualTo(history.size());
        assertThat(done.position()).isEqualTo(ledger.head());
        assertThat(done.eventsPerSecond()).isPositive();
        assertThat(ledger.readModels()).isEqualTo(live);
        assertThat(ledger.indexes()).as("the live tables' index names, for later migrations").isEqualTo(indexes);
        assertThat(ledger.jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE LOWER(table_name) LIKE 'rb!_%' ESCAPE '!'", Long.class)).as("no shadow left").isZero();
        if (firstPass == FirstPass.PARTITIONS) {
            try (var left = Files.list(PARTITION_DIRECTORY)) {
                assertThat(left).as("no partition file left").isEmpty();
            }
        }
    }

    /**
     * A history of several projects, interleaved: items attached and renewed, devices registering, re-authorizing,
     * reporting usage over hours and features, lapsing, freed at an item's end (expiry) or by their release; projects
     * and items suspended and reinstated, refusals, app and recipient changes, alerts.
     */
    private static final class MixedHistory {
        private final Random random;
        private final int projects;
        private final long seed;

        MixedHistory(long seed, int projects) {
            this.random = new Random(seed);
            this.projects = projects;
            this.seed = seed;
        }

        List<Object> events() {
            List<List<Object>> perProject = new ArrayList<>();
            for (int p = 0; p < projects; p++) {
                perProject.add(project(new ProjectId("p-" + seed + "-" + p)));
            }
            List<Object> interleaved = new ArrayList<>();
            int[] next = new int[projects];
            while (interleaved.size() < perProject.stream().mapToInt(List::size).sum()) {
                int p = random.nextInt(projects);
                if (next[p] < perProject.get(p).size()) {
                    interleaved.add(perProject.get(p).get(next[p]++));
                }
            }
            return interleaved;
        }

        private List<Object> project(ProjectId project) {
            String prefix = project.value() + "-";
            LicenseItem seats = item(prefix + "seats", LicenseType.PER_DEVICE, 5, T0, T0.plus(Duration.ofDays(10)),
                    OveragePolicy.percent(20));
            LicenseItem renewed = renewal(item(prefix + "seats-2", LicenseType.PER_DEVICE, 5,
                    T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(375)), OveragePolicy.percent(20)),
                    prefix + "seats");
            LicenseItem units = item(prefix + "units", LicenseType.PER_USAGE, 10_000, T0,
                    T0.plus(Duration.ofDays(365)), OveragePolicy.UNLIMITED);
            List<Object> events = new ArrayList<>(List.of(
                    new ProjectCreated(project, "Project " + project.value(), "hash", Set.of(new AppId("app"))),
                    attached(project, seats), attached(project, units),
                    new AlertRecipientsChanged(project, List.of("https://hooks.example.com/a"), List.of("a@x.io"))));
            List<String> registered = new ArrayList<>();
            Instant at = T0;
            int batches = 0;
            for (int step = 0; step < 60; step++) {
                at = at.plus(Duration.ofMinutes(17 + random.nextInt(300)));
                String seatItem = at.isBefore(seats.validUntil()) ? seats.itemId().value() : renewed.itemId().value();
                if (step == 30) {
                    events.add(attached(project, renewed));
                    for (String device : List.copyOf(registered)) {
                        events.add(unregistered(project, device, seats.itemId().value(),
                                UnregistrationReason.ITEM_ENDED, seats.validUntil()));
                    }
                    registered.clear();
                }
                double dice = random.nextDouble();
                if (dice < 0.2 || registered.isEmpty()) {
                    String device = "d-" + step;
                    registered.add(device);
                    events.add(authorized(project, device, seatItem, LicenseType.PER_DEVICE, true, at,
                            at.plus(Duration.ofDays(30))));
                } else if (dice < 0.4) {
                    events.add(authorized(project, pick(registered), seatItem, LicenseType.PER_DEVICE, false, at,
                            at.plus(Duration.ofDays(30))));
                } else if (dice < 0.7) {
                    List<UsageAllocation> entries = new ArrayList<>();
                    for (int i = 0; i < 1 + random.nextInt(5); i++) {
                        entries.add(entry(at.minusSeconds(random.nextInt(7_200)).truncatedTo(ChronoUnit.SECONDS),
                                1 + random.nextInt(50), i % 3 == 0 ? null : "f" + random.nextInt(3),
                                random.nextInt(10) == 0 ? null : units.itemId().value()));
                    }
                    events.add(usage(project, pick(registered), "b-" + batches++, at, at.plus(Duration.ofDays(30)),
                            entries.toArray(UsageAllocation[]::new)));
                } else if (dice < 0.76) {
                    String device = pick(registered);
                    registered.remove(device);
                    events.add(unregistered(project, device, seatItem, random.nextBoolean()
                            ? UnregistrationReason.ACTIVITY_WINDOW_ELAPSED : UnregistrationReason.RELEASED, at));
                } else if (dice < 0.82) {
                    events.add(new AuthorizationRefused(project, new DeviceId("x-" + step), null,
                            random.nextBoolean() ? ErrorCode.QUOTA_EXCEEDED : ErrorCode.APP_NOT_ALLOWED, at));
                } else if (dice < 0.86) {
                    events.add(new ItemStatusChanged(project, new ItemId(seatItem), LicenseStatus.SUSPENDED,
                            "unpaid", at));
                    events.add(new ItemStatusChanged(project, new ItemId(seatItem), LicenseStatus.ACTIVE, null,
                            at.plusSeconds(60)));
                } else if (dice < 0.89) {
                    events.add(new ProjectStatusChanged(project, LicenseStatus.SUSPENDED, "audit", at));
                    events.add(new ProjectStatusChanged(project, LicenseStatus.ACTIVE, null, at.plusSeconds(30)));
                } else if (dice < 0.92) {
                    events.add(new AllowedAppsChanged(project, Set.of(new AppId("app"), new AppId("app-" + step))));
                } else if (dice < 0.95) {
                    events.add(new AlertRecipientsChanged(project, List.of("https://hooks.example.com/" + step),
                            step % 2 == 0 ? List.of() : List.of("ops-" + step + "@x.io")));
                } else {
                    boolean expiry = random.nextBoolean();
                    events.add(new AlertRaised(project, prefix + "alert-" + step, expiry ? AlertKind.EXPIRY_NEAR
                            : AlertKind.QUOTA_THRESHOLD, LicenseType.PER_DEVICE, expiry ? 7 : 80, seatItem,
                            registered.size(), 5, at));
                }
            }
            return events;
        }

        private String pick(List<String> devices) {
            return devices.get(random.nextInt(devices.size()));
        }
    }

    private enum FirstPass { PARTITIONS, CHUNKS }

    /**
     * A JDBC ledger and the query side's read models in one database, the projections (scanned as the service scans
     * them) under a pooled processor named as the service's, and the rebuild on them, in small chunks and, for the
     * first pass, partitions of about {@value #PARTITION_EVENTS} events.
     */
    private static final class Ledger implements AutoCloseable {
        final JdbcTemplate jdbc;
        final Replays replays;
        private final EmbeddedEventStore store;
        private final Configuration axon;
        private final AnnotationConfigApplicationContext projections;
        private final Map<String, Long> sequences = new HashMap<>();

        static final int PARTITION_EVENTS = 40;

        Ledger(JdbcTemplate jdbc, FirstPass firstPass) {
            this.jdbc = jdbc;
            DataSource dataSource = jdbc.getDataSource();
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            SpringTransactionManager axonTransactions = new SpringTransactionManager(transactions);
            ConnectionProvider connections = new UnitOfWorkAwareConnectionProviderWrapper(
                    new SpringDataSourceConnectionProvider(dataSource));
            Serializer serializer = Jackson3Serializer.builder()
                    .jsonMapperBuilderCustomizer(new ReplayTokenTypes()).build();
            JdbcEventStorageEngine engine = engine(connections, axonTransactions, serializer, 100);
            JdbcEventStorageEngine pages = engine(connections, axonTransactions, serializer, 13);
            this.store = EmbeddedEventStore.builder().storageEngine(engine).build();
            TokenStore tokens = JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer)
                    .schema(LedgerSchemas.TOKENS).build();
            this.projections = new AnnotationConfigApplicationContext();
            projections.registerBean(JdbcTemplate.class, () -> jdbc);
            ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(projections, false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
            scanner.addIncludeFilter(new AnnotationTypeFilter(Repository.class));
            scanner.addExcludeFilter((reader, factory) -> reader.getClassMetadata().getClassName().contains("Test"));
            scanner.scan("io.licenseledger.query");
            projections.refresh();
            this.axon = DefaultConfigurer.defaultConfiguration(false)
                    .configureEventStore(configuration -> store)
                    .configureTransactionManager(configuration -> axonTransactions)
                    .configureSerializer(configuration -> serializer)
                    .eventProcessing(processing -> {
                        processing.registerPooledStreamingEventProcessor(GROUP, configuration -> store,
                                        (configuration, builder) -> builder
                                                .initialToken(StreamableMessageSource::createTailToken)
                                                .initialSegmentCount(1)
                                                .batchSize(25))
                                .registerTokenStore(GROUP, configuration -> tokens)
                                .registerDefaultListenerInvocationErrorHandler(configuration ->
                                        PropagatingErrorHandler.instance());
                        projections.getBeansWithAnnotation(ProcessingGroup.class).values()
                                .forEach(projection -> processing.registerEventHandler(configuration -> projection));
                    })
                    .start();
            this.replays = new Replays(axon.eventProcessingConfiguration(), store,
                    token -> pages.readEvents(token, false), jdbc, transactions, tokens,
                    new DeadLetters(axon.eventProcessingConfiguration()), Clock.systemUTC(), 7,
                    new StaticListableBeanFactory(firstPass == FirstPass.CHUNKS ? Map.of() : Map.of("partitions",
                            (LedgerPartitions.Planner) () -> LedgerPartitions.plan(dataSource, LedgerSchemas.EVENTS,
                                    serializer, new EventUpcasterChain(), PARTITION_DIRECTORY, PARTITION_EVENTS)))
                            .getBeanProvider(LedgerPartitions.Planner.class));
        }

        private static JdbcEventStorageEngine engine(ConnectionProvider connections,
                                                     SpringTransactionManager transactions, Serializer serializer,
                                                     int batchSize) {
            return JdbcEventStorageEngine.builder().connectionProvider(connections).transactionManager(transactions)
                    .eventSerializer(serializer).snapshotSerializer(serializer).schema(LedgerSchemas.EVENTS)
                    .batchSize(batchSize).build();
        }

        void append(List<Object> events) {
            for (Object event : events) {
                String project = projectOf(event);
                long sequence = sequences.merge(project, 1L, Long::sum) - 1;
                store.publish(new GenericDomainEventMessage<>("Project", project, sequence, event));
            }
        }

        ReplayProgress rebuild() throws Exception {
            replays.start();
            ReplayProgress done = replays.awaitEnd(WAIT.toMillis());
            assertThat(done.running()).isFalse();
            awaitCaughtUp();
            return done;
        }

        long head() {
            TrackingToken head = store.createHeadToken();
            return head == null ? -1 : head.position().orElse(-1);
        }

        void awaitCaughtUp() throws InterruptedException {
            StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                    .eventProcessor(GROUP, StreamingEventProcessor.class).orElseThrow();
            await(() -> processor.isRunning() && processor.processingStatus().values().stream()
                    .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head()
                            && !status.isErrorState()));
            await(() -> processor.processingStatus().values().stream().noneMatch(EventTrackerStatus::isErrorState));
        }

        /** Every row of every read-model table, ordered by all its columns. */
        Map<String, List<Map<String, Object>>> readModels() {
            Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
            for (String table : new ShadowSchema(jdbc, postgres()).tables()) {
                List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM " + table);
                int columns = rows.isEmpty() ? 0 : rows.get(0).size();
                String order = String.join(", ", java.util.stream.IntStream.rangeClosed(1, columns)
                        .mapToObj(Integer::toString).toList());
                tables.put(table, columns == 0 ? rows : jdbc.queryForList("SELECT * FROM " + table
                        + " ORDER BY " + order));
            }
            return tables;
        }

        /** Each read-model table's index names (primary keys' included on PostgreSQL). */
        Map<String, String> indexes() {
            Map<String, String> indexes = new LinkedHashMap<>();
            for (String table : new ShadowSchema(jdbc, postgres()).tables()) {
                indexes.put(table, String.join(",", postgres()
                        ? jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE schemaname = CURRENT_SCHEMA "
                        + "AND tablename = ? ORDER BY 1", String.class, table)
                        : jdbc.queryForList("SELECT index_name FROM information_schema.indexes WHERE table_schema = "
                        + "CURRENT_SCHEMA AND LOWER(table_name) = ? AND index_name NOT LIKE 'PRIMARY!_KEY%' "
                        + "ESCAPE '!' UNION ALL SELECT constraint_name FROM information_schema.table_constraints "
                        + "WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) = ? ORDER BY 1",
                        String.class, table, table)));
            }
            return indexes;
        }

        private boolean postgres() {
            return SqlDialect.of(jdbc.getDataSource()) == SqlDialect.POSTGRESQL;
        }

        private static String projectOf(Object event) {
            try {
                return ((ProjectId) event.getClass().getMethod("projectId").invoke(event)).value();
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("not a project event: " + event, e);
            }
        }

        @Override
        public void close() {
            axon.shutdown();
            projections.close();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met within %s", WAIT).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
