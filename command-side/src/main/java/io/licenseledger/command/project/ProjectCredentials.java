package io.licenseledger.command.project;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.service.RateLimits;
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
     * The project a presented license key opens; a missing key is malformed input, a wrong one LICENSE_KEY_INVALID.
     * Wrong keys count against the key and the client's address; past their limit, RATE_LIMITED before any look-up.
     */
    public ProjectId resolve(String licenseKey, String clientAddress) {
        if (licenseKey == null || licenseKey.isBlank()) {
            throw new InvalidValueException("licenseKey is required");
        }
        return limits.checkLicenseKey(licenseKey, clientAddress, () -> lookUp(licenseKey));
    }

    private ProjectId lookUp(String licenseKey) {
        LicenseKeys.PresentedKey presented = LicenseKeys.read(licenseKey);
        List<String> projects = jdbc.queryForList(
                "SELECT project_id FROM project_credential WHERE credential_hash = ?", String.class,
                presented.credentialHash());
        if (projects.size() != 1 || !projects.get(0).equals(presented.projectId().value())) {
            throw new LedgerException(ErrorCode.LICENSE_KEY_INVALID, "the license key is not valid");
        }
        return presented.projectId();
    }

    /** How the ledger names a caller that presented this key: a prefix of the credential hash, never the key. */
    public static String actorOf(String licenseKey) {
        return "license-key:" + LicenseKeys.read(licenseKey).credentialHash().substring(0, 16);
    }

    @EventHandler
    void on(ProjectCreated event) {
        jdbc.update("INSERT INTO project_credential (credential_hash, project_id) VALUES (?, ?)",
                event.credentialHash(), event.projectId().value());
    }
}
