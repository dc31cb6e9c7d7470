package io.licenseledger.query;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

/** A fresh in-memory H2 database with the query side's migrations applied, for projection tests without Spring. */
public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    public static JdbcTemplate migrated() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/common", "classpath:db/eventstore/h2", "classpath:db/query/h2")
                .load()
                .migrate();
        return new JdbcTemplate(dataSource);
    }
}
