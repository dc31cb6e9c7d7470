package io.licenseledger.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** How a {@link Checkpoint} is stored in {@code ledger_checkpoint}. */
public final class CheckpointRows {

    private CheckpointRows() {
    }

    public static void insert(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_checkpoint (chain_position,"
                + " chain_hash, signed_at, genesis, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, checkpoint.position());
            insert.setBytes(2, checkpoint.chainHash());
            insert.setString(3, checkpoint.signedAt().toString());
            insert.setBoolean(4, checkpoint.genesis());
            insert.setString(5, checkpoint.keyId());
            insert.setBytes(6, checkpoint.signature());
            insert.executeUpdate();
        }
    }
}
