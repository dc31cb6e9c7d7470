package io.licenseledger.service;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What the migrations write differently on H2 and PostgreSQL, as Flyway placeholders, so that one migration per table
 * serves both: {@code ${blob}} (Axon's binary columns: tokens, dead letters), {@code ${varbinary}} (event payloads and
 * meta-data, kept in the row), {@code ${clob}} and {@code ${bigserial}} (the ledger's global index).
 */
public enum SqlDialect {

    H2("BLOB", "VARBINARY", "CLOB", "BIGINT AUTO_INCREMENT"),
    POSTGRESQL("BYTEA", "BYTEA", "TEXT", "BIGSERIAL");

    private final Map<String, String> placeholders;

    SqlDialect(String blob, String varbinary, String clob, String bigserial) {
        this.placeholders = Map.of("blob", blob, "varbinary", varbinary, "clob", clob, "bigserial", bigserial);
    }

    /** The dialect of the database behind {@code dataSource}, as its driver names it. */
    public static SqlDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return switch (product) {
                case "H2" -> H2;
                case "PostgreSQL" -> POSTGRESQL;
                default -> throw new IllegalStateException("No migrations for " + product);
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read which database is to be migrated", e);
        }
    }

    /** Flyway on {@code dataSource}, with its dialect's placeholders. */
    public static FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).placeholders(of(dataSource).placeholders());
    }

    Map<String, String> placeholders() {
        return placeholders;
    }
}
