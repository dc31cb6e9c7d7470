package db.ledger;

import io.licenseledger.service.AppendOnlyLedger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The ledger is append-only (rule AU1): the database refuses UPDATE and DELETE on {@code domain_event_entry} (on
 * PostgreSQL TRUNCATE too), whoever asks, and every chain row must name a stored event (which also stops H2's
 * TRUNCATE). A trigger is written differently on H2 (a Java class) and PostgreSQL (PL/pgSQL), hence a Java migration.
 * Both services apply it, each in its own history: it creates only what is missing, and on PostgreSQL it runs under
 * a lock, as the services may migrate at the same moment. Numbered above 1, like V1_01: see PerDialectHistory.
 */
public class V1_02__Append_only_ledger extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement sql = connection.createStatement()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            if (postgres) {
                sql.execute("SELECT pg_advisory_xact_lock(" + "LL-AU1".hashCode() + ")");
                sql.execute("""
                        CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            RAISE EXCEPTION 'The ledger is append-only (rule AU1): % on domain_event_entry is refused',
                                TG_OP USING ERRCODE = 'P0001';
                        END $$""");
                if (!exists(sql, "SELECT 1 FROM pg_trigger WHERE tgname = 'ledger_append_only'"
                        + " AND tgrelid = 'domain_event_entry'::regclass")) {
                    sql.execute("CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON domain_event_entry"
                            + " FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()");
                    sql.execute("CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON domain_event_entry"
                            + " FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()");
                }
            } else {
                sql.execute("CREATE TRIGGER IF NOT EXISTS ledger_append_only BEFORE UPDATE, DELETE"
                        + " ON domain_event_entry FOR EACH ROW CALL '" + AppendOnlyLedger.class.getName() + "'");
            }
            if (!exists(sql, "SELECT 1 FROM information_schema.table_constraints"
                    + " WHERE LOWER(constraint_name) = 'fk_ledger_chain_event'"
                    + " AND table_schema = CURRENT_SCHEMA")) {
                sql.execute("ALTER TABLE ledger_chain ADD CONSTRAINT fk_ledger_chain_event FOREIGN KEY (global_index)"
                        + " REFERENCES domain_event_entry (global_index)");
            }
        }
    }

    private static boolean exists(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            return rows.next();
        }
    }
}
