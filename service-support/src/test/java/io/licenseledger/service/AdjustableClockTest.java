package io.licenseledger.service;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdjustableClockTest {

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE clock_offset (id INTEGER NOT NULL PRIMARY KEY, offset_millis BIGINT NOT NULL)");
    }

    @Test
    void aNewClockStartsFromTheOffsetAnotherServiceStored() {
        new AdjustableClock(jdbc).advance(Duration.ofDays(2));

        Instant restarted = new AdjustableClock(jdbc).instant();

        assertThat(restarted).isAfter(Instant.now().plus(Duration.ofDays(2)).minusSeconds(5));
    }

    @Test
    void advancingMovesEveryClockOnTheDatabase() throws InterruptedException {
        AdjustableClock mine = new AdjustableClock(jdbc);
        AdjustableClock theirs = new AdjustableClock(jdbc);
        theirs.instant();

        mine.advance(Duration.ofHours(25));
        Thread.sleep(150);

        assertThat(theirs.instant()).isAfter(Instant.now().plus(Duration.ofHours(25)).minusSeconds(5));
    }

    @Test
    void timeNeverMovesBack() {
        assertThatThrownBy(() -> new AdjustableClock(jdbc).advance(Duration.ofMinutes(-1)))
                .hasMessageContaining("forward");
    }
}
