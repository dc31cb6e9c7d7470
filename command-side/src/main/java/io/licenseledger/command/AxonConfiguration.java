package io.licenseledger.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    static final String LOOKUPS = "command-lookups";

    /**
     * A lookup that refuses an event (an item claimed by another project, a batch recorded by another instance) must
     * roll back the whole command, so its errors propagate instead of being logged.
     */
    @Bean
    ConfigurerModule lookupsPropagateErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(LOOKUPS, c -> PropagatingErrorHandler.instance());
    }

    /**
     * Aggregates stay in memory between commands. When another instance appended first, the append fails on the
     * sequence number, Axon evicts the stale copy, and the gateway retries on fresh state.
     */
    @Bean
    Cache aggregateCache(@Value("${ledger.aggregate-cache-size:10000}") int capacity) {
        return new AggregateCache(capacity);
    }

    /**
     * Replaces Axon's SimpleCommandBus bean (same handlers, interceptors and monitoring) with group commit; it is the
     * local segment Axon Server's bus would route to in that profile.
     */
    @Bean
    @Qualifier("localSegment")
    GroupCommitCommandBus commandBus(TransactionManager transactionManager,
                                     org.axonframework.config.Configuration axon,
                                     DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                     @Value("${ledger.command-bus.workers:2}") int workers,
                                     @Value("${ledger.command-bus.max-batch:256}") int maxBatch) {
        SimpleCommandBus handlers = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        handlers.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return new GroupCommitCommandBus(handlers, transactionManager, workers, maxBatch);
    }

    /**
     * Retries run on their own daemon thread, deliberately not a bean: Spring's scheduling would otherwise pick it up
     * and park scheduled jobs on the very thread their commands' retries need.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(retries)
                        .retryInterval(20)
                        .maxRetryCount(10)
                        .nonTransientFailurePredicate(failure -> !isWriteConflict(failure))
                        .build())
                .build();
    }

    /** Only a lost race on the ledger or a lookup key is worth retrying; refusals are answers. */
    static boolean isWriteConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }
}
