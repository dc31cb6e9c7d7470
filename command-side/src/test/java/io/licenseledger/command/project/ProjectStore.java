package io.licenseledger.command.project;

import io.licenseledger.command.usage.UsageBatches;
import io.licenseledger.service.LedgerSchemas;
import io.licenseledger.service.ReplayTokenTypes;
import io.licenseledger.service.SharedMigrations;
import io.licenseledger.service.SqlDialect;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.mockito.Mockito.mock;

/**
 * A project's ledger as the command side keeps it, without Spring: Axon's JDBC event store on H2 with the ledger's
 * migrations and schema, the serializer the service configures ({@code axon.serializer.*: jackson3} and its one
 * customizer), and an event-sourcing repository of projects that reads snapshots through {@code filter}.
 */
final class ProjectStore implements AutoCloseable {

    /** Axon's serializer as the service's auto-configuration builds it. */
    static final Serializer SERIALIZER = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(new ReplayTokenTypes())
            .build();

    final JdbcTemplate jdbc;
    final EmbeddedEventStore eventStore;
    final EventSourcingRepository<Project> repository;
    private final ParameterResolverFactory parameters;

    ProjectStore(String url, SnapshotFilter filter) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        SqlDialect.flyway(dataSource).locations(SharedMigrations.LEDGER).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(SERIALIZER)
                .eventSerializer(SERIALIZER)
                .snapshotFilter(filter)
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(LedgerSchemas.EVENTS)
                .build();
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        // No usage batch was recorded before: every report is new.
        parameters = MultiParameterResolverFactory.ordered(ClasspathParameterResolverFactory.forClass(Project.class),
                new SimpleResourceParameterResolverFactory(Set.of(mock(UsageBatches.class))));
        repository = EventSourcingRepository.builder(Project.class)
                .eventStore(eventStore)
                .parameterResolverFactory(parameters)
                .snapshotTriggerDefinition(NoSnapshotTriggerDefinition.INSTANCE)
                .build();
    }

    static ProjectStore inMemory(SnapshotFilter filter) {
        return new ProjectStore("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", filter);
    }

    /** What a command decided: its result or failure, and the events it appended. */
    record Outcome(Object result, Throwable failure, List<Object> events) {
    }

    Outcome handle(String projectId, Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        if (command instanceof CreateProject create) {
            return run(message, m -> repository.newInstance(() -> new Project(create)).identifier(), projectId);
        }
        return run(message, m -> repository.load(projectId).handle(m), projectId);
    }

    private Outcome run(CommandMessage<?> message, Handler handler, String projectId) {
        long before = lastSequence(projectId);
        ResultMessage<?> result = DefaultUnitOfWork.startAndGet(message)
                .executeWithResult(() -> handler.handle(message));
        List<Object> events = new ArrayList<>();
        eventStore.readEvents(projectId, before + 1).asStream()
                .forEach(event -> events.add(event.getPayload()));
        return result.isExceptional()
                ? new Outcome(null, result.exceptionResult(), events)
                : new Outcome(result.getPayload(), null, events);
    }

    private interface Handler {
        Object handle(CommandMessage<?> message) throws Exception;
    }

    long lastSequence(String projectId) {
        Long last = jdbc.queryForObject("SELECT MAX(sequence_number) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, projectId);
        return last == null ? -1 : last;
    }

    /** Takes a snapshot with Axon's own snapshotter, on this thread, as the service's would after a commit. */
    void snapshot(String projectId) {
        AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .aggregateFactories(new org.axonframework.eventsourcing.GenericAggregateFactory<>(Project.class))
                .parameterResolverFactory(parameters)
                .build()
                .scheduleSnapshot(Project.class, projectId);
    }

    /** The first message a load of the project reads: its snapshot when one is used. */
    DomainEventMessage<?> firstLoaded(String projectId) {
        DomainEventStream stream = eventStore.readEvents(projectId);
        return stream.peek();
    }

    @Override
    public void close() {
        eventStore.shutDown();
        jdbc.execute("SHUTDOWN");
    }
}
