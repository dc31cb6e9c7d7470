package io.licenseledger.service;

import io.licenseledger.events.InvalidValueException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The system clock moved forward by an offset that lives in the database, so that both services (and every
 * instance) move together when a test advances time instead of sleeping. Only with {@code ledger.clock.adjustable}.
 */
public class AdjustableClock extends Clock {

    private static final Duration REFRESH = Duration.ofMillis(100);

    private final JdbcTemplate jdbc;
    private final Clock system = Clock.systemUTC();
    private volatile long offsetMillis;
    private volatile long nextRefreshNanos = System.nanoTime();

    AdjustableClock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves time forward for every service on this database; time never moves back. */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new InvalidValueException("time only moves forward");
        }
        long next = currentOffset() + by.toMillis();
        if (jdbc.update("UPDATE clock_offset SET offset_millis = ? WHERE id = 1", next) == 0) {
            jdbc.update("INSERT INTO clock_offset (id, offset_millis) VALUES (1, ?)", next);
        }
        offsetMillis = next;
        nextRefreshNanos = System.nanoTime() + REFRESH.toNanos();
        return Duration.ofMillis(next);
    }

    @Override
    public Instant instant() {
        long now = System.nanoTime();
        if (now - nextRefreshNanos >= 0) {
            offsetMillis = currentOffset();
            nextRefreshNanos = now + REFRESH.toNanos();
        }
        return system.instant().plusMillis(offsetMillis);
    }

    private long currentOffset() {
        List<Long> offsets = jdbc.queryForList("SELECT offset_millis FROM clock_offset WHERE id = 1", Long.class);
        return offsets.isEmpty() ? 0 : offsets.get(0);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the ledger's clock is UTC");
    }
}
