package io.licenseledger.service;

import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The password of the ledger's H2 user: generated once, kept in a 0600 file, set on old stores. */
class EmbeddedLedgerStoreTest {

    @Test
    void aNewLedgerFileIsCreatedWithAGeneratedPasswordKeptInAnOwnerOnlyFile(@TempDir Path dataDir) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("ledger");
        Path secretFile = dataDir.resolve("ledger-db.secret");

        String password = EmbeddedLedgerStore.secure(url, "sa", secretFile);

        assertThat(password).hasSizeGreaterThanOrEqualTo(43).isEqualTo(Files.readString(secretFile));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
        assertThat(EmbeddedLedgerStore.secure(url, "sa", secretFile)).as("the same on the next start").isEqualTo(password);
        assertRefusesTheEmptyPassword(url);
        try (Connection connection = DriverManager.getConnection(url, "sa", password)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void aLedgerFileFromBeforeWithAnEmptyPasswordGetsTheGeneratedOneAndKeepsItsRows(@TempDir Path dataDir)
            throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("ledger");
        try (Connection old = DriverManager.getConnection(url, "sa", ""); Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE kept(id INT)");
            statement.execute("INSERT INTO kept VALUES (42)");
        }

        String password = EmbeddedLedgerStore.secure(url, "sa", dataDir.resolve("ledger-db.secret"));

        assertRefusesTheEmptyPassword(url);
        try (Connection connection = DriverManager.getConnection(url, "sa", password);
             var rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void anOpenerOverTcpReadsThePasswordAndIsToldToStartTheCommandSideFirstWhenThereIsNone(@TempDir Path dataDir) {
        String url = "jdbc:h2:tcp://127.0.0.1:8082/ledger";
        Path secretFile = dataDir.resolve("ledger-db.secret");

        assertThatThrownBy(() -> EmbeddedLedgerStore.password(url, "sa", secretFile))
                .hasMessageContaining("start the command side first");
        assertThat(secretFile).doesNotExist();

        SecretFiles.write(secretFile, "the-generated-secret");
        assertThat(EmbeddedLedgerStore.password(url, "sa", secretFile)).isEqualTo("the-generated-secret");
    }

    private static void assertRefusesTheEmptyPassword(String url) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class, e ->
                        assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
    }
}
