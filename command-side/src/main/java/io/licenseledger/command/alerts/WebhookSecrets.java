package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.service.SqlTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Table {@code alert_webhook_secret}: the key each project's webhooks are signed with. It lives only here, never in
 * an event or a log line (rule AU3), and is shown to the admin once, when it is made.
 */
@Repository
class WebhookSecrets {

    private static final int SECRET_BYTES = 32;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebhookSecrets(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new secret when the project had none; empty when it has one already. */
    Optional<String> createIfAbsent(ProjectId projectId) {
        if (find(projectId).isPresent()) {
            return Optional.empty();
        }
        String secret = newSecret();
        try {
            jdbc.update("INSERT INTO alert_webhook_secret (project_id, secret, created_at) VALUES (?, ?, ?)",
                    projectId.value(), secret, SqlTime.utc(clock.instant()));
            return Optional.of(secret);
        } catch (DuplicateKeyException e) {
            // Another request made it first; that one shows it.
            return Optional.empty();
        }
    }

    /** The project's new secret; empty when it never had one. */
    Optional<String> rotate(ProjectId projectId) {
        String secret = newSecret();
        int updated = jdbc.update("UPDATE alert_webhook_secret SET secret = ?, rotated_at = ? WHERE project_id = ?",
                secret, SqlTime.utc(clock.instant()), projectId.value());
        return updated == 1 ? Optional.of(secret) : Optional.empty();
    }

    Optional<String> find(ProjectId projectId) {
        List<String> found = jdbc.queryForList("SELECT secret FROM alert_webhook_secret WHERE project_id = ?",
                String.class, projectId.value());
        return found.stream().findFirst();
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
