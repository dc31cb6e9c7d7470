package io.licenseledger.command;

import io.licenseledger.service.SharedMigrations;
import io.licenseledger.service.SqlDialect;

import javax.sql.DataSource;

/** The command side's migrations, as its application.yml lists them, for tests without Spring. */
public final class CommandSideSchema {

    private CommandSideSchema() {
    }

    public static void migrate(DataSource dataSource) {
        SqlDialect.flyway(dataSource)
                .locations(SharedMigrations.LEDGER, SharedMigrations.TRACKING, "classpath:db/command")
                .load()
                .migrate();
    }
}
