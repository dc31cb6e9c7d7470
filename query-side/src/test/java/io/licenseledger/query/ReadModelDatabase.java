package io.licenseledger.query;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** A fresh database with the query side's migrations applied, for projection tests without Spring. */
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

    /**
     * A fresh schema in the local PostgreSQL server's {@code test} database. Without a server the test is skipped
     * (and says so), except on CI, which must prove the PostgreSQL path.
     */
    public static JdbcTemplate migratedPostgres() {
        String schema = "read_models_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(System.getProperty("ledger.pgTestUrl", "jdbc:postgresql://127.0.0.1:5432/test"));
        dataSource.setUser("postgres");
        dataSource.setCurrentSchema(schema);
        try (Connection probe = dataSource.getConnection()) {
            probe.isValid(5);
        } catch (SQLException unreachable) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL is unreachable", unreachable);
            }
            System.out.println("SKIPPED: PostgreSQL read-model test: " + unreachable.getMessage());
            Assumptions.abort("PostgreSQL is not reachable: " + unreachable.getMessage());
        }
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/common", "classpath:db/eventstore/postgresql", "classpath:db/query/postgresql")
                .load()
                .migrate();
        return new JdbcTemplate(dataSource);
    }
}
