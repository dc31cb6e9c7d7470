package io.licenseledger.launcher;

import io.licenseledger.audit.ChainHead;
import io.licenseledger.audit.ChainRows;
import io.licenseledger.audit.Checkpoint;
import io.licenseledger.audit.CheckpointRows;
import io.licenseledger.audit.LedgerChain;
import io.licenseledger.audit.StoredEvent;
import io.licenseledger.audit.StoredEventRows;
import io.licenseledger.licenseformat.Ed25519PrivateKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Chains, by JDBC, the ledger's events no chain row covers yet (those after the last chained global index), in
 * global-index order, and signs checkpoints: what tests and the benchmark need before the command side writes the
 * chain itself. Pages of rows, committed page by page, in constant memory.
 */
public final class ChainSeed {

    private static final int PAGE = 2_000;

    private final Ed25519PrivateKey ledgerKey;
    private final long checkpointEvery;

    /** Signs a checkpoint at every multiple of {@code checkpointEvery} (0: none) and at the head when done. */
    public ChainSeed(Ed25519PrivateKey ledgerKey, long checkpointEvery) {
        this.ledgerKey = ledgerKey;
        this.checkpointEvery = checkpointEvery;
    }

    /** Chains what is not chained and answers the chain's head position. */
    public long chain(Connection connection, boolean checkpointAtHead) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            ChainHead head = ensureHead(connection);
            long lastIndex = lastChainedIndex(connection);
            try (PreparedStatement page = connection.prepareStatement("SELECT " + StoredEventRows.COLUMNS
                    + " FROM domain_event_entry e WHERE e.global_index > ? ORDER BY e.global_index"
                    + " FETCH FIRST " + PAGE + " ROWS ONLY")) {
                int read = PAGE;
                while (read == PAGE) {
                    page.setLong(1, lastIndex);
                    read = 0;
                    try (ChainRows chain = new ChainRows(connection, head); ResultSet rows = page.executeQuery()) {
                        while (rows.next()) {
                            StoredEvent event = StoredEventRows.read(rows, 1, 0);
                            chain.add(event);
                            lastIndex = event.globalIndex();
                            read++;
                            if (checkpointEvery > 0 && chain.head().position() % checkpointEvery == 0) {
                                sign(connection, chain.head());
                            }
                        }
                        head = chain.finish();
                    }
                    connection.commit();
                }
            }
            if (checkpointAtHead && head.position() > 0 && !signed(connection, head.position())) {
                sign(connection, head);
            }
            connection.commit();
            return head.position();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void sign(Connection connection, ChainHead head) throws SQLException {
        CheckpointRows.insert(connection, Checkpoint.sign(head.position(), head.hash(), Instant.now(), false, ledgerKey));
    }

    /** The head row, created at the start of the chain if the store has none yet (no command side ran on it). */
    private static ChainHead ensureHead(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT chain_position, chain_hash FROM ledger_chain_head WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            if (rows.next()) {
                return new ChainHead(rows.getLong(1), rows.getBytes(2));
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_chain_head (id, chain_position, chain_hash) VALUES (1, 0, ?)")) {
            insert.setBytes(1, LedgerChain.START);
            insert.executeUpdate();
        }
        return new ChainHead(0, LedgerChain.START);
    }

    private static long lastChainedIndex(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(MAX(global_index), -1) FROM ledger_chain");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean signed(Connection connection, long position) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM ledger_checkpoint WHERE chain_position = ?")) {
            query.setLong(1, position);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }
}
