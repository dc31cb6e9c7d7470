package io.licenseledger.service;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The ledger's storage engine on the service that appends: each append chains its events (rule AU7) in its own
 * transaction, on its connection, so that a rolled-back append leaves no chain row and a committed one is chained.
 */
final class ChainingEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final LedgerChainWriter chain;

    ChainingEventStorageEngine(Builder builder, TransactionManager transactionManager, LedgerChainWriter chain) {
        super(builder);
        this.transactionManager = transactionManager;
        this.chain = chain;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            Connection connection = getConnection();
            try {
                chain.chainAppended(connection, events.stream().map(EventMessage::getIdentifier).toList());
            } catch (SQLException e) {
                throw new EventStoreException("Could not chain the events just appended", e);
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }
}
