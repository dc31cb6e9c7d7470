package io.licenseledger.service;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2's trigger on the ledger (rule AU1, migration V1_02): refuses every UPDATE and DELETE of an event. H2 runs it in
 * the process that holds the database, the command side (the query side reaches the ledger through that process), and
 * in any tool that writes the file itself (the benchmark's history), hence here. Its name is stored in every ledger.
 */
public final class AppendOnlyLedger implements Trigger {

    /** The SQL state of the refusal on both databases: PostgreSQL's {@code raise_exception}, which its trigger raises. */
    public static final String REFUSED = "P0001";

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("The ledger is append-only (rule AU1): " + (newRow == null ? "DELETE" : "UPDATE")
                + " on domain_event_entry is refused", REFUSED);
    }
}
