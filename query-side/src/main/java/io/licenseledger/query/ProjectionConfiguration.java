package io.licenseledger.query;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /**
     * Every projection is in this one processing group: the ledger is read, deserialized and its token stored once per
     * batch for all read models, and each projection writes a whole batch in a few statements (see
     * {@link BatchedWrites}).
     */
    public static final String PROCESSING_GROUP = "query-read-models";

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

    /**
     * The event store as Axon's auto-configuration builds it, but polling the ledger for new events every
     * {@code ledger.projections.poll-interval} instead of every second: the command side appends from another
     * process, so polling is the only way this side learns of an event, and it bounds how soon a read model shows it.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  @Value("${ledger.projections.poll-interval}") Duration pollInterval) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(pollInterval.toMillis())
                .build();
    }
}
