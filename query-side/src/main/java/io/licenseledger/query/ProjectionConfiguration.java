package io.licenseledger.query;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

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
