package io.licenseledger.service;

import io.licenseledger.audit.ChainHead;
import io.licenseledger.audit.ChainRows;
import io.licenseledger.audit.Checkpoint;
import io.licenseledger.audit.CheckpointRows;
import io.licenseledger.audit.LedgerChain;
import io.licenseledger.audit.StoredEvent;
import io.licenseledger.audit.StoredEventRows;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes the ledger's hash chain ({@link LedgerChain}, rule AU7) and its signed {@link Checkpoint}s, in the tables of
 * migration V1_01. Every write first locks the chain's head row, so the chain takes the events in the order their
 * transactions commit, and instances sharing a store extend one chain: never a fork, never a gap.
 */
public final class LedgerChainWriter {

    private static final Logger log = LoggerFactory.getLogger(LedgerChainWriter.class);

    private static final int IDENTIFIERS_PER_QUERY = 500;
    private static final String LOCK_HEAD =
            "SELECT chain_position, chain_hash FROM ledger_chain_head WHERE id = 1 FOR UPDATE";
    private static final String UNCHAINED_AFTER = "SELECT " + StoredEventRows.COLUMNS + " FROM domain_event_entry e"
            + " WHERE e.global_index > ? AND NOT EXISTS"
            + " (SELECT 1 FROM ledger_chain c WHERE c.global_index = e.global_index)"
            + " ORDER BY e.global_index LIMIT ?";

    private final Ed25519PrivateKey ledgerKey;
    private final Clock clock;
    private final long checkpointEveryEvents;

    /**
     * @param ledgerKey             signs the checkpoints
     * @param checkpointEveryEvents an append that takes the chain past a multiple of it signs a checkpoint at its end
     */
    public LedgerChainWriter(Ed25519PrivateKey ledgerKey, Clock clock, long checkpointEveryEvents) {
        if (checkpointEveryEvents < 1) {
            throw new IllegalArgumentException("checkpoints are signed at least every event, not every "
                    + checkpointEveryEvents);
        }
        this.ledgerKey = ledgerKey;
        this.clock = clock;
        this.checkpointEveryEvents = checkpointEveryEvents;
    }

    /** Creates the head row unless it exists; another instance creating it at the same time is fine. */
    public static void ensureHead(JdbcTemplate jdbc) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_chain_head WHERE id = 1", Integer.class);
        if (rows != null && rows == 1) {
            return;
        }
        try {
            jdbc.update("INSERT INTO ledger_chain_head (id, chain_position, chain_hash) VALUES (1, 0, ?)",
                    (Object) LedgerChain.START);
        } catch (DuplicateKeyException createdByAnotherInstance) {
            // the row is there, which is all that was wanted
        }
    }

    /** Locks the head row until the transaction ends, and reads it. */
    public static ChainHead lockHead(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD); ResultSet head = lock.executeQuery()) {
            if (!head.next()) {
                throw new IllegalStateException("the ledger chain has no head row: the chain writer creates it at "
                        + "start-up");
            }
            return new ChainHead(head.getLong(1), head.getBytes(2));
        }
    }

    /**
     * Chains the events this connection's transaction just appended, as stored, in the order of their global index,
     * and signs a checkpoint if they take the chain past a multiple of the checkpoint interval.
     */
    void chainAppended(Connection connection, List<String> eventIdentifiers) throws SQLException {
        ChainHead head = lockHead(connection);
        List<StoredEvent> appended = new ArrayList<>(eventIdentifiers.size());
        for (int from = 0; from < eventIdentifiers.size(); from += IDENTIFIERS_PER_QUERY) {
            List<String> chunk = eventIdentifiers.subList(from,
                    Math.min(eventIdentifiers.size(), from + IDENTIFIERS_PER_QUERY));
            try (PreparedStatement read = connection.prepareStatement("SELECT " + StoredEventRows.COLUMNS
                    + " FROM domain_event_entry e WHERE e.event_identifier IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    read.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        appended.add(StoredEventRows.read(rows, 1, 0));
                    }
                }
            }
        }
        if (appended.size() != eventIdentifiers.size()) {
            throw new IllegalStateException("read back " + appended.size() + " of the " + eventIdentifiers.size()
                    + " events just appended");
        }
        appended.sort(Comparator.comparingLong(StoredEvent::globalIndex));
        try (ChainRows rows = new ChainRows(connection, head)) {
            for (StoredEvent event : appended) {
                rows.add(event);
            }
            ChainHead extended = rows.finish();
            if (extended.position() / checkpointEveryEvents > head.position() / checkpointEveryEvents) {
                CheckpointRows.insert(connection, sign(extended, false));
            }
        }
    }

    /**
     * Chains every committed event that has no chain row (those of a store older than the chain, those written behind
     * the service's back), in the order of their global index, {@code batchSize} to a transaction, then signs a
     * genesis checkpoint at the head in the last of them: the chain vouches for those events from that checkpoint on.
     *
     * @return how many events it chained
     */
    public long catchUp(JdbcTemplate jdbc, PlatformTransactionManager transactions, int batchSize) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        long started = System.nanoTime();
        Long searchFrom = transaction.execute(status -> jdbc.execute((ConnectionCallback<Long>) this::searchStart));
        if (searchFrom == null || searchFrom < 0) {
            return 0;
        }
        Batch batch = new Batch(searchFrom, 0, false);
        long chained = 0;
        long reported = 0;
        do {
            long after = batch.lastGlobalIndex();
            batch = transaction.execute(status -> jdbc.execute((ConnectionCallback<Batch>) connection ->
                    chainUnchained(connection, after, batchSize)));
            chained += batch.events();
            if (chained - reported >= 100_000) {
                reported = chained;
                log.info("Chaining the events without a chain row: {} so far", chained);
            }
        } while (!batch.last());
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        if (chained > 0) {
            log.info("Chained {} events written before the chain or behind the service's back in {} ms ({} events/s),"
                    + " and signed a genesis checkpoint at the head", chained, millis, chained * 1000 / millis);
        }
        return chained;
    }

    private record Batch(long lastGlobalIndex, int events, boolean last) {
    }

    /**
     * -1 when every event is chained (as many chain rows as events), else the global index the search for unchained
     * events starts above: the highest chained one, unless some event below it is unchained too.
     */
    private long searchStart(Connection connection) throws SQLException {
        long events = single(connection, "SELECT COUNT(*) FROM domain_event_entry");
        long chainedEvents = single(connection, "SELECT COUNT(*) FROM ledger_chain");
        if (events == chainedEvents) {
            return -1;
        }
        long highestChained = single(connection, "SELECT COALESCE(MAX(global_index), 0) FROM ledger_chain");
        long upToIt = single(connection, "SELECT COUNT(*) FROM domain_event_entry WHERE global_index <= "
                + highestChained);
        return upToIt == chainedEvents ? highestChained : 0;
    }

    /** One transaction of the catch-up; the last one (nothing unchained left) signs the genesis checkpoint. */
    private Batch chainUnchained(Connection connection, long after, int batchSize) throws SQLException {
        ChainHead head = lockHead(connection);
        long last = after;
        int events = 0;
        try (ChainRows rows = new ChainRows(connection, head);
             PreparedStatement read = connection.prepareStatement(UNCHAINED_AFTER)) {
            read.setLong(1, after);
            read.setInt(2, batchSize);
            read.setFetchSize(Math.min(batchSize, 1000));
            try (ResultSet unchained = read.executeQuery()) {
                while (unchained.next()) {
                    StoredEvent event = StoredEventRows.read(unchained, 1, 0);
                    rows.add(event);
                    last = event.globalIndex();
                    events++;
                }
            }
            if (events == 0) {
                return new Batch(last, 0, true);
            }
            ChainHead extended = rows.finish();
            boolean done = events < batchSize || !anyUnchainedAfter(connection, last);
            if (done) {
                CheckpointRows.insert(connection, sign(extended, true));
            }
            return new Batch(last, events, done);
        }
    }

    private static boolean anyUnchainedAfter(Connection connection, long globalIndex) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(UNCHAINED_AFTER)) {
            read.setLong(1, globalIndex);
            read.setInt(2, 1);
            try (ResultSet next = read.executeQuery()) {
                return next.next();
            }
        }
    }

    /**
     * Signs a checkpoint at the head if the chain moved since the latest one.
     *
     * @return the checkpoint signed, if any
     */
    public Optional<Checkpoint> checkpointIfMoved(Connection connection) throws SQLException {
        ChainHead head = lockHead(connection);
        if (head.position() <= single(connection, "SELECT COALESCE(MAX(chain_position), 0) FROM ledger_checkpoint")) {
            return Optional.empty();
        }
        Checkpoint checkpoint = sign(head, false);
        CheckpointRows.insert(connection, checkpoint);
        return Optional.of(checkpoint);
    }

    private Checkpoint sign(ChainHead head, boolean genesis) {
        return Checkpoint.sign(head.position(), head.hash(), clock.instant(), genesis, ledgerKey);
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
