package io.licenseledger.query.replay;

import io.licenseledger.service.JdbcEventStoreConfiguration;
import io.licenseledger.service.LedgerDatabase;
import io.licenseledger.service.LedgerSchemas;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    /**
     * Events per query of the rebuild's reads of the JDBC ledger: the processor's store reads 100, one round trip to
     * the command side's H2 server each.
     */
    static final int PAGE_EVENTS = 5_000;

    /** On the JDBC ledger: Axon's own storage engine (its gap handling, upcasters, serializer), in large pages. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    LedgerPages jdbcLedgerPages(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                PersistenceExceptionResolver persistenceExceptionResolver,
                                ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                LedgerDatabase ledger, org.axonframework.config.Configuration configuration) {
        JdbcEventStorageEngine engine = JdbcEventStoreConfiguration.storageEngine(serializer, eventSerializer,
                persistenceExceptionResolver, connectionProvider, transactionManager, ledger, configuration,
                PAGE_EVENTS);
        return token -> engine.readEvents(token, false);
    }

    /**
     * On the JDBC ledger: the rebuild's first pass reads the ledger once into partitions of whole projects, in files
     * of {@code ledger.rebuild.partition-events} events each under the data directory, deleted when it is done. Zero
     * turns the partitions off: the first pass then reads as the catch-up does.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    @ConditionalOnExpression("${ledger.rebuild.partition-events:10000} > 0")
    LedgerPartitions.Planner ledgerPartitions(@Qualifier("eventSerializer") Serializer eventSerializer,
                                              LedgerDatabase ledger,
                                              org.axonframework.config.Configuration configuration,
                                              @Value("${ledger.data-dir:./data}") Path dataDir,
                                              @Value("${ledger.rebuild.partition-events:10000}") int partitionEvents) {
        return () -> LedgerPartitions.plan(ledger.dataSource(), LedgerSchemas.EVENTS, eventSerializer,
                configuration.upcasterChain(), dataDir, partitionEvents);
    }

    /** On Axon Server: the event store's stream, up to what it has available now. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
    LedgerPages eventStorePages(EventStore eventStore) {
        return token -> {
            BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token);
            Iterator<TrackedEventMessage<?>> available = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return stream.hasNextAvailable();
                }

                @Override
                public TrackedEventMessage<?> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    try {
                        return stream.nextAvailable();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while reading the ledger", e);
                    }
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(available, Spliterator.ORDERED), false)
                    .onClose(stream::close);
        };
    }
}
