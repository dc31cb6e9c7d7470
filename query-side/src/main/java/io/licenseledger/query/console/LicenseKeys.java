package io.licenseledger.query.console;

import jakarta.servlet.http.HttpSession;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The license keys of the projects created in one console session. The ledger keeps only a hash of a key's
 * credential (rule L6), so a key can be shown and copied only in the session that created it, while it lasts.
 */
final class LicenseKeys {

    private static final String ATTRIBUTE = LicenseKeys.class.getName();

    private final Map<String, String> byProject = new ConcurrentHashMap<>();

    static LicenseKeys of(HttpSession session) {
        Object keys = session.getAttribute(ATTRIBUTE);
        if (keys instanceof LicenseKeys known) {
            return known;
        }
        LicenseKeys created = new LicenseKeys();
        session.setAttribute(ATTRIBUTE, created);
        return created;
    }

    void remember(String projectId, String licenseKey) {
        byProject.put(projectId, licenseKey);
    }

    Optional<String> of(String projectId) {
        return Optional.ofNullable(byProject.get(projectId));
    }

    /** The key's scheme and its last four characters, the rest hidden. */
    static String masked(String licenseKey) {
        return licenseKey.substring(0, 4) + "•".repeat(12) + licenseKey.substring(licenseKey.length() - 4);
    }

    @Override
    public String toString() {
        return "LicenseKeys[" + byProject.size() + " projects]";
    }
}
