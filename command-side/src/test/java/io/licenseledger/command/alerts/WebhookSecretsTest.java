package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static io.licenseledger.command.alerts.Alerts.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookSecretsTest {

    private final AlertDatabase db = new AlertDatabase();
    private final WebhookSecrets secrets = new WebhookSecrets(db.jdbc,
            new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void theFirstSecretIsThirtyTwoRandomBytesInBase64UrlAndIsHandedOutOnce() {
        Optional<String> first = secrets.createIfAbsent(PROJECT);
        Optional<String> second = secrets.createIfAbsent(PROJECT);

        assertThat(first).hasValueSatisfying(secret -> {
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        });
        assertThat(second).isEmpty();
        assertThat(secrets.find(PROJECT)).isEqualTo(first);
    }

    @Test
    void eachProjectHasItsOwnSecret() {
        String mine = secrets.createIfAbsent(PROJECT).orElseThrow();
        String theirs = secrets.createIfAbsent(new ProjectId("prj_other")).orElseThrow();

        assertThat(mine).isNotEqualTo(theirs);
    }

    @Test
    void rotatingReplacesTheSecret() {
        String first = secrets.createIfAbsent(PROJECT).orElseThrow();

        String rotated = secrets.rotate(PROJECT).orElseThrow();

        assertThat(rotated).isNotEqualTo(first);
        assertThat(secrets.find(PROJECT)).contains(rotated);
    }

    @Test
    void aProjectWithoutASecretHasNothingToRotate() {
        assertThat(secrets.rotate(PROJECT)).isEmpty();
        assertThat(secrets.find(PROJECT)).isEmpty();
    }
}
