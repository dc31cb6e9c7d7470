package io.licenseledger.query;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /**
     * Every projection is in this one processing group: the ledger is read, deserialized and its token stored once per
     * batch for all read models, and each projection writes a whole batch in a few statements (see
     * {@link BatchedWrites}).
     */
    public static final String PROCESSING_GROUP = "query-read-models";

    /** Created by the query side's migrations (V4__dead_letters.sql). */
    static final String DEAD_LETTER_TABLE = "dead_letter_entry";

    /** The processor's source ({@code axon.eventhandling.processors.query-read-models.source}). */
    @Bean
    NotifyingEventSource ledgerEvents(EventStore eventStore) {
        return new NotifyingEventSource(eventStore);
    }

    /**
     * Axon's default only logs a failing event handler and moves the token past the event, which would leave a read
     * model short for good (say, after a lock timeout on the shared database). Propagating rolls the batch back
     * with its token, and the processor retries it with back-off.
     */
    @Bean
    ConfigurerModule retryFailedProjectionBatches() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(configuration ->
                        PropagatingErrorHandler.instance()));
    }

    @Bean
    EventIsolation eventIsolation(DataSource dataSource) {
        return new EventIsolation(dataSource);
    }

    /**
     * Events a projection cannot handle are parked in Axon's dead-letter queue, in the read models' database and
     * transaction. A project's events are one sequence: an event parked parks the later events of its project (every
     * projection keys its rows by project) and no other. {@link EventIsolation} finds the event a failed batch cannot
     * write and decides what a dead letter records. A rebuild (Replays) replaces the queue with what it cannot handle.
     * The cache spares the query per event asking whether its project is parked, while none is.
     */
    @Bean
    ConfigurerModule parkEventsThatCannotBeHandled(EventIsolation isolation, ConnectionProvider connectionProvider,
                                                   TransactionManager transactionManager, Serializer serializer,
                                                   @Qualifier("eventSerializer") Serializer eventSerializer) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(PROCESSING_GROUP, configuration -> SequentialPerAggregatePolicy.instance())
                .registerDeadLetterQueue(PROCESSING_GROUP, configuration -> JdbcSequencedDeadLetterQueue
                        .<EventMessage<?>>builder()
                        .processingGroup(PROCESSING_GROUP)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(DeadLetterSchema.builder().deadLetterTable(DEAD_LETTER_TABLE).build())
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .build())
                .registerDeadLetterPolicy(PROCESSING_GROUP, configuration -> isolation)
                .registerDeadLetteringEventHandlerInvokerConfiguration(PROCESSING_GROUP,
                        (configuration, invoker) -> invoker.allowReset(true).enableSequenceIdentifierCache())
                .registerHandlerInterceptor(PROCESSING_GROUP, configuration -> isolation));
    }
}
