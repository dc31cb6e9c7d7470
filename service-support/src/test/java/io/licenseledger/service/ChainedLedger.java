package io.licenseledger.service;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The ledger as the command side opens it, without Spring: the shared migrations, a pool, Spring transactions, and
 * the chaining engine with Axon's connection provider for them (and, to compare, the same engine without the chain).
 */
final class ChainedLedger implements AutoCloseable {

    private static final Serializer SERIALIZER = Jackson3Serializer.builder().build();

    final LedgerDatabase database;
    final DataSourceTransactionManager transactions;
    final TransactionManager axonTransactions;
    final LedgerChainWriter writer;
    final ChainingEventStorageEngine engine;
    final JdbcEventStorageEngine unchained;

    ChainedLedger(String url, String user, Ed25519PrivateKey ledgerKey, Clock clock, long checkpointEvery) {
        database = LedgerDatabase.separate(url, user, "");
        transactions = new DataSourceTransactionManager(database.dataSource());
        axonTransactions = new SpringTransactionManager(transactions);
        LedgerChainWriter.ensureHead(database.jdbc());
        writer = new LedgerChainWriter(ledgerKey, clock, checkpointEvery);
        engine = new ChainingEventStorageEngine(builder(), axonTransactions, writer);
        unchained = builder().build();
    }

    private JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .connectionProvider(new SpringDataSourceConnectionProvider(database.dataSource()))
                .transactionManager(axonTransactions)
                .schema(LedgerSchemas.EVENTS);
    }

    void append(List<EventMessage<?>> events) {
        axonTransactions.executeInTransaction(() -> engine.appendEvents(events));
    }

    void appendUnchained(List<EventMessage<?>> events) {
        axonTransactions.executeInTransaction(() -> unchained.appendEvents(events));
    }

    long count(String query) {
        return database.jdbc().queryForObject(query, Long.class);
    }

    Optional<Checkpoint> checkpointIfMoved() {
        return new TransactionTemplate(transactions).execute(status -> database.jdbc().execute(
                (ConnectionCallback<Optional<Checkpoint>>) writer::checkpointIfMoved));
    }

    long catchUp(int batchSize) {
        return writer.catchUp(database.jdbc(), transactions, batchSize);
    }

    @Override
    public void close() {
        database.close();
    }
}
