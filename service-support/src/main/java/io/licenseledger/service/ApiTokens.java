package io.licenseledger.service;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Admin and auditor API tokens. Only a SHA-256 hash of a token is ever stored (rule AU3). */
public class ApiTokens {

    public enum Role { ADMIN, AUDITOR }

    public record Principal(String name, Role role) {
        public String actor() {
            return role.name().toLowerCase() + ":" + name;
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        List<Principal> found = jdbc.query("SELECT name, role FROM api_token WHERE token_hash = ?",
                (rs, i) -> new Principal(rs.getString("name"), Role.valueOf(rs.getString("role"))), sha256Hex(token));
        return found.stream().findFirst();
    }

    public boolean hasAny(Role role) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE role = ?", Integer.class, role.name());
        return count != null && count > 0;
    }

    /** Records a token's hash; false when it was already recorded. */
    public boolean register(String name, Role role, String token) {
        try {
            jdbc.update("INSERT INTO api_token (token_hash, name, role, created_at) VALUES (?, ?, ?, ?)",
                    sha256Hex(token), name, role.name(), Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "llt_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
