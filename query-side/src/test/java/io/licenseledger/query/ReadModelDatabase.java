package io.licenseledger.query;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

public final class ReadModelDatabase {

    private ReadModelDatabase() {
    }

    public static JdbcTemplate migrated() {
        String schema = "s" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:55439/postgres?currentSchema=" + schema);
        dataSource.setUser("postgres");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/common", "classpath:db/eventstore/postgresql", "classpath:db/query/postgresql")
                .load()
                .migrate();
        return new JdbcTemplate(dataSource);
    }
}
