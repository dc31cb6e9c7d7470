package io.licenseledger.command.credentials;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.service.RateLimits;
import io.licenseledger.service.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Which project a license key's credential hash belongs to, so that an unknown key never reaches the ledger (A1). */
@Component
@ProcessingGroup("command-lookups")
public class ProjectCredentials {

    private final JdbcTemplate jdbc;
    private final RateLimits limits;

    ProjectCredentials(JdbcTemplate jdbc, RateLimits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /**
     * A caller whose license key checked out: the project it opens, and how the ledger names the caller, a prefix of
     * the credential's hash, never the key.
     */
    public record KeyHolder(ProjectId projectId, String actor) {

        /** The command's meta-data: the request's, with this caller as its actor (rule AU2). */
        public MetaData metaData(HttpServletRequest http) {
            RequestContext.setActor(http, actor);
            return MetaData.from(RequestContext.metaData(http));
        }
    }

    /**
     * Reads and checks a presented license key, once per request; a missing key is malformed input, a wrong one
     * LICENSE_KEY_INVALID. Wrong keys count against the key and the client's address; past their limit, RATE_LIMITED
     * before any look-up.
     */
    public KeyHolder resolve(String licenseKey, HttpServletRequest http) {
        if (licenseKey == null || licenseKey.isBlank()) {
            throw new InvalidValueException("licenseKey is required");
        }
        return limits.checkLicenseKey(licenseKey, http.getRemoteAddr(), () -> lookUp(licenseKey));
    }

    private KeyHolder lookUp(String licenseKey) {
        LicenseKeys.PresentedKey presented = LicenseKeys.read(licenseKey);
        List<String> projects = jdbc.queryForList(
                "SELECT project_id FROM project_credential WHERE credential_hash = ?", String.class,
                presented.credentialHash());
        if (projects.size() != 1 || !projects.get(0).equals(presented.projectId().value())) {
            throw new LedgerException(ErrorCode.LICENSE_KEY_INVALID, "the license key is not valid");
        }
        return new KeyHolder(presented.projectId(), "license-key:" + presented.credentialHash().substring(0, 16));
    }

    @EventHandler
    void on(ProjectCreated event) {
        jdbc.update("INSERT INTO project_credential (credential_hash, project_id) VALUES (?, ?)",
                event.credentialHash(), event.projectId().value());
    }
}
