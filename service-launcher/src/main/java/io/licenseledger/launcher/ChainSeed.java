package io.licenseledger.launcher;

import io.licenseledger.audit.Checkpoint;
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
            long position = 0;
            long lastIndex = -1;
            byte[] hash = LedgerChain.START;
            try (PreparedStatement head = connection.prepareStatement("SELECT chain_position, global_index, chain_hash"
                    + " FROM ledger_chain ORDER BY chain_position DESC FETCH FIRST 1 ROWS ONLY");
                 ResultSet rows = head.executeQuery()) {
                if (rows.next()) {
                    position = rows.getLong(1);
                    lastIndex = rows.getLong(2);
                    hash = rows.getBytes(3);
                }
            }
            try (PreparedStatement page = connection.prepareStatement("SELECT " + StoredEventRows.COLUMNS
                    + " FROM domain_event_entry e WHERE e.global_index > ? ORDER BY e.global_index"
                    + " FETCH FIRST " + PAGE + " ROWS ONLY");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_chain"
                         + " (chain_position, global_index, event_digest, chain_hash) VALUES (?, ?, ?, ?)")) {
                boolean more = true;
                while (more) {
                    page.setLong(1, lastIndex);
                    int read = 0;
                    try (ResultSet rows = page.executeQuery()) {
                        while (rows.next()) {
                            StoredEvent event = StoredEventRows.read(rows, 1, ++position);
                            byte[] digest = LedgerChain.digest(event);
                            hash = LedgerChain.next(hash, digest);
                            insert.setLong(1, position);
                            insert.setLong(2, event.globalIndex());
                            insert.setBytes(3, digest);
                            insert.setBytes(4, hash);
                            insert.addBatch();
                            lastIndex = event.globalIndex();
                            read++;
                            if (checkpointEvery > 0 && position % checkpointEvery == 0) {
                                insert.executeBatch();
                                sign(connection, position, hash);
                            }
                        }
                    }
                    insert.executeBatch();
                    connection.commit();
                    more = read == PAGE;
                }
            }
            if (checkpointAtHead && position > 0 && !signed(connection, position)) {
                sign(connection, position, hash);
            }
            updateHead(connection, position, hash);
            connection.commit();
            return position;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void sign(Connection connection, long position, byte[] hash) throws SQLException {
        Checkpoint checkpoint = Checkpoint.sign(position, hash, Instant.now(), false, ledgerKey);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_checkpoint"
                + " (chain_position, chain_hash, signed_at, genesis, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.position());
            insert.setBytes(2, checkpoint.chainHash());
            insert.setString(3, checkpoint.signedAt().toString());
            insert.setBoolean(4, checkpoint.genesis());
            insert.setString(5, checkpoint.keyId());
            insert.setBytes(6, checkpoint.signature());
            insert.executeUpdate();
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

    private static void updateHead(Connection connection, long position, byte[] hash) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE ledger_chain_head SET chain_position = ?, chain_hash = ? WHERE id = 1")) {
            update.setLong(1, position);
            update.setBytes(2, hash);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_chain_head (id, chain_position, chain_hash) VALUES (1, ?, ?)")) {
            insert.setLong(1, position);
            insert.setBytes(2, hash);
            insert.executeUpdate();
        }
    }
}
