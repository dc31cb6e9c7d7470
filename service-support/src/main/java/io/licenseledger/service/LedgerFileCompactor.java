package io.licenseledger.service;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the ledger's H2 file near the size of what it holds. With {@code WRITE_DELAY=0} every commit writes a new
 * MVStore chunk; once most of a chunk's pages are replaced by newer copies, the few still live (a full leaf of the
 * ledger, an index page) keep the whole chunk on disk, and H2 rewrites such chunks only from its background writer,
 * which a zero write delay turns off. This does that rewriting on a thread of its own: each round moves the live pages
 * of the emptiest chunks, at most {@code bytesPerRound}, into a new chunk and commits, and the old chunks' space is
 * reused at once ({@code RETENTION_TIME=0}). A chunk's space is reused by later chunks that fit in it, but the file
 * itself never shrinks that way: when less than {@code targetFillRate} % of it is in chunks, a round also moves
 * chunks from its end, at most {@code moveBytesPerRound}, into the free space before them and cuts the file there
 * (what H2's own housekeeping does, from the background writer that {@code WRITE_DELAY=0} turns off). While commands
 * commit it keeps to {@code maxBusyPercent} of the time, so that it costs the commands little (a round holds H2's
 * store lock); when nothing else committed since its last round it goes on without pause until the chunks and the
 * file are {@code targetFillRate} % full.
 */
public final class LedgerFileCompactor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerFileCompactor.class);

    private final DataSource dataSource;
    private final Duration interval;
    private final int targetFillRate;
    private final int bytesPerRound;
    private final int moveBytesPerRound;
    private final int maxBusyPercent;
    private final AtomicLong rewritingRounds = new AtomicLong();
    private volatile Thread thread;

    public LedgerFileCompactor(DataSource dataSource, Duration interval, int targetFillRate, int bytesPerRound,
                               int moveBytesPerRound, int maxBusyPercent) {
        if (interval.isNegative() || interval.isZero() || targetFillRate < 1 || targetFillRate > 100
                || bytesPerRound < 1 || moveBytesPerRound < 1 || maxBusyPercent < 1 || maxBusyPercent > 100) {
            throw new IllegalArgumentException("compaction needs a positive interval and byte budget, and a fill rate"
                    + " and busy share from 1 to 100 %");
        }
        this.dataSource = dataSource;
        this.interval = interval;
        this.targetFillRate = targetFillRate;
        this.bytesPerRound = bytesPerRound;
        this.moveBytesPerRound = moveBytesPerRound;
        this.maxBusyPercent = maxBusyPercent;
    }

    @Override
    public void start() {
        Thread compactor = new Thread(this::compactUntilStopped, "ledger-file-compactor");
        compactor.setDaemon(true);
        thread = compactor;
        compactor.start();
    }

    @Override
    public void stop() {
        Thread compactor = thread;
        thread = null;
        if (compactor != null) {
            compactor.interrupt();
            try {
                compactor.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** After the ledger's H2 server and before the group commit stops: it runs while anything commits. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Rounds that rewrote something, for tests and logs. */
    public long rewritingRounds() {
        return rewritingRounds.get();
    }

    private void compactUntilStopped() {
        long versionAfterLastRound = -1;
        while (thread == Thread.currentThread()) {
            long started = System.nanoTime();
            boolean rewrote = false;
            boolean idle = false;
            try (Connection connection = dataSource.getConnection()) {
                MVStore store = mvStore(connection);
                idle = store.getCurrentVersion() == versionAfterLastRound;
                boolean rewroteChunks = store.compact(targetFillRate, bytesPerRound);
                if (rewroteChunks) {
                    store.commit();
                }
                boolean shrank = moveChunksToShrink(store);
                rewrote = rewroteChunks || shrank;
                if (rewrote) {
                    long rounds = rewritingRounds.incrementAndGet();
                    if (log.isDebugEnabled()) {
                        log.debug("Compacting round {} {}; its chunks are now {} % full, the file {} % in chunks",
                                rounds, shrank ? "moved chunks and shrank the ledger file"
                                        : "rewrote chunks of the ledger file",
                                store.getFileStore().getChunksFillRate(), store.getFileStore().getFillRate());
                    }
                }
                versionAfterLastRound = store.getCurrentVersion();
            } catch (SQLException | RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                log.warn("Compacting the ledger file failed; trying again in {}", interval, e);
            }
            if (!(rewrote && idle) && !pause(System.nanoTime() - started)) {
                return;
            }
        }
    }

    /** Moves chunks from the file's end into free space before them when the file is emptier than the target. */
    private boolean moveChunksToShrink(MVStore store) {
        if (!(store.getFileStore() instanceof RandomAccessStore file) || file.getFillRate() >= targetFillRate) {
            return false;
        }
        long size = file.size();
        file.compactMoveChunks(targetFillRate, moveBytesPerRound, store);
        return file.size() < size;
    }

    /** Waits {@link #interval}, or longer after a long round, to stay within {@link #maxBusyPercent}. */
    private boolean pause(long busyNanos) {
        long pauseNanos = Math.max(interval.toNanos(), busyNanos * (100 - maxBusyPercent) / maxBusyPercent);
        try {
            TimeUnit.NANOSECONDS.sleep(pauseNanos);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static MVStore mvStore(Connection connection) throws SQLException {
        if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            return session.getDatabase().getStore().getMvStore();
        }
        throw new IllegalStateException("the ledger is not an H2 database of this process");
    }
}
