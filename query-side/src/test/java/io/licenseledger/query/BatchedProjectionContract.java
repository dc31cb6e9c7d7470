package io.licenseledger.query;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection fed a whole batch in one unit of work writes exactly the rows it writes event by event, on H2 and on
 * PostgreSQL. A projection's test implements the one check with its own events.
 */
public interface BatchedProjectionContract {

    /** Feeds the test's events one by one into {@code oneByOne} and as one batch into {@code inOneBatch}, and checks. */
    void aBatchWritesWhatItsEventsWriteOneByOne(JdbcTemplate oneByOne, JdbcTemplate inOneBatch) throws Exception;

    @Test
    default void aBatchInOneUnitOfWorkWritesWhatItsEventsWriteOneByOne() throws Exception {
        aBatchWritesWhatItsEventsWriteOneByOne(ReadModelDatabase.migrated(), ReadModelDatabase.migrated());
    }

    @Test
    default void aBatchInOneUnitOfWorkWritesWhatItsEventsWriteOneByOneOnPostgresql() throws Exception {
        aBatchWritesWhatItsEventsWriteOneByOne(ReadModelDatabase.migratedPostgres(),
                ReadModelDatabase.migratedPostgres());
    }
}
