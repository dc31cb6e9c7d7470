package io.licenseledger.service;

import org.h2.api.ErrorCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ledger's H2 file on the embedded store. Its database user has a password generated at the first start and kept
 * in a file of the data dir that only its owner reads; the command side serves the file to the query side through
 * {@link EmbeddedStoreServer}, and every other opener reads the password from that file.
 */
final class EmbeddedLedgerStore {

    static final String H2_FILE = "jdbc:h2:file:";
    static final String SECRET_FILE = "${ledger.embedded-store.secret-file:${ledger.data-dir:./data}/ledger-db.secret}";

    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EmbeddedLedgerStore() {
    }

    /** The database file an embedded H2 URL names (without {@code .mv.db}), or empty for any other URL. */
    static Optional<Path> h2File(String url) {
        if (!url.startsWith(H2_FILE)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(url.substring(H2_FILE.length()).split(";", 2)[0]
                .replaceFirst("^~", Matcher.quoteReplacement(System.getProperty("user.home")))));
    }

    /**
     * The password of the H2 ledger at {@code url}. The one that opens the file itself creates the secret if there is
     * none and sets it on the database; one that connects to it over TCP only reads it.
     */
    static String password(String url, String user, Path secretFile) {
        if (url.startsWith(H2_FILE)) {
            return secure(url, user, secretFile);
        }
        if (!Files.isRegularFile(secretFile)) {
            throw new IllegalStateException(secretFile + " is missing: the command side creates it at its first start"
                    + " on the embedded store, so start the command side first");
        }
        return SecretFiles.read(secretFile);
    }

    /**
     * Makes the generated password the one of {@code user} on the H2 file at {@code url}, and answers it: a new file
     * is created with it, and a store from before it (the user with an empty password) is given it.
     */
    static String secure(String url, String user, Path secretFile) {
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("unexpected database user name: " + user);
        }
        if (!Files.isRegularFile(secretFile)) {
            SecretFiles.write(secretFile, SecretFiles.randomSecret());
        }
        String password = SecretFiles.read(secretFile);
        try (Connection opened = connect(url, user, password)) {
            return password;
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException("Could not open the ledger at " + url, e);
            }
        }
        try (Connection unsecured = connect(url, user, "");
             PreparedStatement alter = unsecured.prepareStatement("ALTER USER " + user + " SET PASSWORD ?")) {
            alter.setString(1, password);
            alter.execute();
            return password;
        } catch (SQLException e) {
            throw new IllegalStateException("The ledger at " + url + " opens neither with the password in "
                    + secretFile + " nor with none", e);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        return new org.h2.Driver().connect(url, credentials);
    }
}
