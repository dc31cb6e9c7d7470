package io.licenseledger.service;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The ledger on the relational database: Axon's JDBC event store and token store, in the Spring transaction, with
 * the snake_case table and column names of the Flyway migrations.
 * Declared here rather than left to Axon 4.13.0's auto-configuration, whose ordering against Spring Boot 4's
 * relocated DataSource auto-configuration leaves it out (an in-memory store would silently take its place).
 */
@Configuration(proxyBeanMethods = false)
public class JdbcEventStoreConfiguration {

    /** Axon's default: events per query of a processor's stream. */
    private static final int AXON_BATCH_SIZE = 100;

    /**
     * Events another process appended (the command side's, for the query side) are seen only by polling, and Axon's
     * default waits a second after a poll that found nothing.
     */
    private static final long FETCH_DELAY_MILLIS = 50;

    /**
     * Events the store keeps in memory for the processors that follow the head. Axon's 10,000 held a usage backlog
     * (a report carries up to 1,000 entries) beyond the query side's 256 MB heap.
     */
    private static final int CACHED_EVENTS = 1000;

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new JdbcSQLErrorCodesResolver();
    }

    /**
     * Not in the Axon Server mode, where Axon Server holds the events; tokens stay in the database either way. A ledger
     * in a database of its own is only read here (by the query side), outside the service's transactions. The service
     * that appends (the one with a {@link LedgerChainWriter}) chains its events as it appends them.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          LedgerDatabase ledger,
                                          org.axonframework.config.Configuration configuration,
                                          ObjectProvider<LedgerChainWriter> chainWriter) {
        JdbcEventStorageEngine.Builder builder = builder(serializer, eventSerializer, persistenceExceptionResolver,
                connectionProvider, transactionManager, ledger, configuration, AXON_BATCH_SIZE);
        LedgerChainWriter chain = chainWriter.getIfAvailable();
        if (chain == null) {
            return builder.build();
        }
        if (!ledger.isServiceDatabase()) {
            throw new IllegalStateException("The ledger's chain is written in the transactions of the service that "
                    + "appends, whose own database the ledger must be");
        }
        return new ChainingEventStorageEngine(builder, transactionManager, chain);
    }

    /**
     * The ledger's storage engine, reading {@code batchSize} events per query, and never chaining: the query side's
     * rebuild's, which reads the whole ledger in much larger pages.
     */
    public static JdbcEventStorageEngine storageEngine(Serializer serializer, Serializer eventSerializer,
                                                       PersistenceExceptionResolver persistenceExceptionResolver,
                                                       ConnectionProvider connectionProvider,
                                                       TransactionManager transactionManager, LedgerDatabase ledger,
                                                       org.axonframework.config.Configuration configuration,
                                                       int batchSize) {
        return builder(serializer, eventSerializer, persistenceExceptionResolver, connectionProvider,
                transactionManager, ledger, configuration, batchSize).build();
    }

    private static JdbcEventStorageEngine.Builder builder(Serializer serializer, Serializer eventSerializer,
                                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                                          ConnectionProvider connectionProvider,
                                                          TransactionManager transactionManager,
                                                          LedgerDatabase ledger,
                                                          org.axonframework.config.Configuration configuration,
                                                          int batchSize) {
        if (!ledger.isServiceDatabase()) {
            connectionProvider = new DataSourceConnectionProvider(ledger.dataSource());
            transactionManager = NoTransactionManager.INSTANCE;
        }
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(LedgerSchemas.EVENTS)
                .batchSize(batchSize)
                .readEventDataWithGaps(JdbcEventStoreConfiguration::readEventDataWithGaps);
    }

    /** Axon's own, under its name and qualifier (Axon's then steps aside), with the fetch delay set. */
    @Bean
    @Qualifier("eventStore")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EmbeddedEventStore eventBus(EventStorageEngine storageEngine,
                                org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(FETCH_DELAY_MILLIS)
                .cachedEvents(CACHED_EVENTS)
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(LedgerSchemas.TOKENS)
                .build();
    }

    /**
     * Axon's own statement, {@code WHERE (global_index > ? AND global_index <= ?) OR global_index IN (...)}, is a scan
     * of the whole ledger on H2, and a streaming processor runs it at every poll while its token has gaps. Each half on
     * its own uses the primary key; the halves cannot overlap, as a token's gaps all lie below its index.
     */
    static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex,
                                                   int batchSize, List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(readEventDataWithGapsSql(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    static String readEventDataWithGapsSql(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        return select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn() + " IN ("
                + String.join(",", Collections.nCopies(gaps, "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
    }
}
