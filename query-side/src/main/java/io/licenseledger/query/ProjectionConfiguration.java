package io.licenseledger.query;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    /**
     * Every projection is in this one processing group: the ledger is read, deserialized and its token stored once per
     * batch for all read models, and each projection writes a whole batch in a few statements (see
     * {@link BatchedWrites}).
     */
    public static final String PROCESSING_GROUP = "query-read-models";

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
}
