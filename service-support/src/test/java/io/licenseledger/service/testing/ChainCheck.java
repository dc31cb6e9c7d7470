package io.licenseledger.service.testing;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.audit.LedgerChain;
import io.licenseledger.audit.StoredEvent;
import io.licenseledger.audit.StoredEventRows;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import io.licenseledger.service.LedgerCheckpoints;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain as the store holds it, recomputed from the events' rows: positions 1 to n without a gap,
 * each digest and chain hash as {@link LedgerChain} computes them, the head at the last, every checkpoint's hash that
 * of its position and its signature by {@code ledgerKey}.
 */
public final class ChainCheck {

    private ChainCheck() {
    }

    /** {@link #assertIntact}, and every event of the store is chained. */
    public static List<Long> assertIntactAndComplete(JdbcTemplate jdbc, Ed25519PublicKey ledgerKey) {
        List<Long> chained = assertIntact(jdbc, ledgerKey);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class))
                .as("every event chained").isEqualTo(chained.size());
        return chained;
    }

    /** Asserts all of it, of the events chained; answers their global indexes in chain order. */
    public static List<Long> assertIntact(JdbcTemplate jdbc, Ed25519PublicKey ledgerKey) {
        List<Long> globalIndexes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        byte[][] previous = {LedgerChain.START};
        jdbc.query("SELECT c.chain_position, c.event_digest, c.chain_hash, " + StoredEventRows.COLUMNS
                + " FROM ledger_chain c JOIN domain_event_entry e ON e.global_index = c.global_index"
                + " ORDER BY c.chain_position", row -> {
            long position = row.getLong(1);
            assertThat(position).as("chain position").isEqualTo(globalIndexes.size() + 1);
            StoredEvent event = StoredEventRows.read(row, 4, position);
            byte[] digest = LedgerChain.digest(event);
            assertThat(row.getBytes(2)).as("digest at %d", position).isEqualTo(digest);
            previous[0] = LedgerChain.next(previous[0], digest);
            assertThat(row.getBytes(3)).as("chain hash at %d", position).isEqualTo(previous[0]);
            globalIndexes.add(event.globalIndex());
            hashes.add(previous[0]);
        });
        assertThat(jdbc.queryForObject("SELECT chain_position FROM ledger_chain_head WHERE id = 1", Long.class))
                .isEqualTo(globalIndexes.size());
        assertThat(jdbc.queryForObject("SELECT chain_hash FROM ledger_chain_head WHERE id = 1", byte[].class))
                .isEqualTo(previous[0]);
        for (Checkpoint checkpoint : LedgerCheckpoints.all(jdbc)) {
            assertThat(checkpoint.chainHash()).as("checkpoint at %d", checkpoint.position())
                    .isEqualTo(hashes.get((int) checkpoint.position() - 1));
            assertThat(checkpoint.isSignedBy(ledgerKey)).as("checkpoint at %d", checkpoint.position()).isTrue();
        }
        return globalIndexes;
    }
}
