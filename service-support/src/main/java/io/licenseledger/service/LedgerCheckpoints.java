package io.licenseledger.service;

import io.licenseledger.audit.Checkpoint;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The ledger's signed checkpoints, as stored in {@code ledger_checkpoint}. */
public final class LedgerCheckpoints {

    private LedgerCheckpoints() {
    }

    /** The checkpoint at the highest position, if any. */
    public static Optional<Checkpoint> latest(JdbcTemplate jdbc) {
        return read(jdbc, "ORDER BY chain_position DESC LIMIT 1").stream().findFirst();
    }

    /** Every checkpoint, in the order of their positions. */
    public static List<Checkpoint> all(JdbcTemplate jdbc) {
        return read(jdbc, "ORDER BY chain_position");
    }

    private static List<Checkpoint> read(JdbcTemplate jdbc, String order) {
        return jdbc.query("SELECT chain_position, chain_hash, signed_at, genesis, key_id, signature"
                        + " FROM ledger_checkpoint " + order,
                (row, i) -> new Checkpoint(row.getLong(1), row.getBytes(2), Instant.parse(row.getString(3)),
                        row.getBoolean(4), row.getString(5), row.getBytes(6)));
    }
}
