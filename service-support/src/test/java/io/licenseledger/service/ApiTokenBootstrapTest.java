package io.licenseledger.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultApplicationArguments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenBootstrapTest {

    private static final LedgerProperties.RateLimit DEFAULT_RATE_LIMITS =
            new LedgerProperties.RateLimit(20, 50, 20, java.time.Duration.ofMinutes(1), 100);

    private final SharedSchemaDatabase database = new SharedSchemaDatabase();
    private final ApiTokens tokens = new ApiTokens(database.jdbc, Clock.systemUTC());
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aGeneratedAdminTokenGoesToAnOwnerOnlyFileWhosePathIsPrintedAndNeverToTheConsole(@TempDir Path dataDir)
            throws Exception {
        Path tokenFile = dataDir.resolve(ApiTokenBootstrap.GENERATED_TOKEN_FILE);

        bootstrap(new LedgerProperties(null, null, true, 1024, DEFAULT_RATE_LIMITS), tokenFile).run(new DefaultApplicationArguments());

        String token = Files.readString(tokenFile);
        assertThat(tokens.authenticate(token)).hasValueSatisfying(principal ->
                assertThat(principal.role()).isEqualTo(ApiTokens.Role.ADMIN));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(tokenFile.toString()).doesNotContain(token);
        assertThat(printed.replaceAll("\\s", "")).doesNotContain(token.substring(4, 20));
    }

    @Test
    void aConfiguredTokenIsNeitherPrintedNorWrittenAndNoneIsGenerated(@TempDir Path dataDir) {
        Path tokenFile = dataDir.resolve(ApiTokenBootstrap.GENERATED_TOKEN_FILE);
        String configured = "configured-admin-token-0123456789";

        bootstrap(new LedgerProperties(configured, null, true, 1024, DEFAULT_RATE_LIMITS), tokenFile)
                .run(new DefaultApplicationArguments());

        assertThat(tokens.authenticate(configured)).isPresent();
        assertThat(tokenFile).doesNotExist();
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(configured);
    }

    private ApiTokenBootstrap bootstrap(LedgerProperties properties, Path tokenFile) {
        return new ApiTokenBootstrap(tokens, properties, tokenFile, new PrintStream(console, true, StandardCharsets.UTF_8));
    }
}
