package io.licenseledger.query.console;

import io.licenseledger.query.BatchedWrites;
import io.licenseledger.query.ProjectionConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells {@link LivePush} which projects a batch of the query processor changed, once the batch's transaction (read
 * models and token together) has committed: a page that refreshes then reads what the batch wrote. A rebuild's
 * chunks, written into shadow tables nobody reads yet, are left out.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionCommits {

    private static final String CHANGED = ProjectionCommits.class.getName() + ".changed";

    @Bean
    ConfigurerModule pushCommittedChangesToConsolePages(LivePush push) {
        MessageHandlerInterceptor<EventMessage<?>> watcher = (unitOfWork, chain) -> {
            noteChange(unitOfWork, push);
            return chain.proceed();
        };
        return configurer -> configurer.eventProcessing(processing -> processing.registerHandlerInterceptor(
                ProjectionConfiguration.PROCESSING_GROUP, configuration -> watcher));
    }

    private static void noteChange(UnitOfWork<? extends EventMessage<?>> unitOfWork, LivePush push) {
        UnitOfWork<?> batch = unitOfWork.root();
        if (batch.getResource(BatchedWrites.SHADOW) != null) {
            return;
        }
        Set<String> changed = batch.getOrComputeResource(CHANGED, key -> {
            Set<String> projects = new LinkedHashSet<>();
            batch.afterCommit(committed -> push.committed(projects));
            return projects;
        });
        if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event) {
            changed.add(event.getAggregateIdentifier());
        }
    }
}
