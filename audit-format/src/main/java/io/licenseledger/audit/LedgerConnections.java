package io.licenseledger.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Where an export gets a connection to the ledger for each page it reads, and gives it back. */
public interface LedgerConnections {

    Connection borrow() throws SQLException;

    void giveBack(Connection connection) throws SQLException;

    /** A pool's connections, one per page, so a long export never holds one while its client reads. */
    static LedgerConnections pooled(DataSource dataSource) {
        return new LedgerConnections() {
            @Override
            public Connection borrow() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void giveBack(Connection connection) throws SQLException {
                connection.close();
            }
        };
    }

    /** One connection for every page; the caller closes it. */
    static LedgerConnections single(Connection connection) {
        return new LedgerConnections() {
            @Override
            public Connection borrow() {
                return connection;
            }

            @Override
            public void giveBack(Connection borrowed) {
            }
        };
    }
}
