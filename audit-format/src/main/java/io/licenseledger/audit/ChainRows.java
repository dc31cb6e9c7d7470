package io.licenseledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The chain rows of one transaction, written in batches, and the head moved to the last of them at the end. */
public final class ChainRows implements AutoCloseable {

    private static final int BATCH = 500;

    private final Connection connection;
    private final PreparedStatement insert;
    private long position;
    private byte[] hash;
    private int pending;

    public ChainRows(Connection connection, ChainHead head) throws SQLException {
        this.connection = connection;
        this.insert = connection.prepareStatement("INSERT INTO ledger_chain (chain_position, global_index,"
                + " event_digest, chain_hash) VALUES (?, ?, ?, ?)");
        this.position = head.position();
        this.hash = head.hash();
    }

    /** {@code event} as read, its position being ignored: it takes the next one. */
    public void add(StoredEvent read) throws SQLException {
        position++;
        StoredEvent event = new StoredEvent(position, read.globalIndex(), read.eventId(), read.aggregateId(),
                read.sequence(), read.type(), read.revision(), read.time(), read.metadata(), read.payload());
        byte[] digest = LedgerChain.digest(event);
        hash = LedgerChain.next(hash, digest);
        insert.setLong(1, position);
        insert.setLong(2, event.globalIndex());
        insert.setBytes(3, digest);
        insert.setBytes(4, hash);
        insert.addBatch();
        if (++pending == BATCH) {
            insert.executeBatch();
            pending = 0;
        }
    }

    public ChainHead finish() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE ledger_chain_head SET chain_position = ?, chain_hash = ? WHERE id = 1")) {
            update.setLong(1, position);
            update.setBytes(2, hash);
            update.executeUpdate();
        }
        return new ChainHead(position, hash);
    }

    /** The chain as far as the rows added so far take it (written or still batched). */
    public ChainHead head() {
        return new ChainHead(position, hash);
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
