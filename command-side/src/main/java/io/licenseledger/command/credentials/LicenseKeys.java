package io.licenseledger.command.credentials;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Identifiers;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.service.ApiTokens;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Online license keys (rule L6): {@code LL1.} + base64url(JSON with the server URLs, the project and a 256-bit
 * credential). Only the credential's SHA-256 is ever recorded.
 */
public final class LicenseKeys {

    static final String PREFIX = "LL1.";
    private static final int MAX_KEY_LENGTH = 2048;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A freshly issued key: the text handed to the admin once, and the hash that is kept. */
    public record IssuedKey(String licenseKey, String credentialHash) {
    }

    /** What a presented key claims: its project and the hash of its credential, to be checked against the ledger. */
    public record PresentedKey(ProjectId projectId, String credentialHash) {
    }

    private LicenseKeys() {
    }

    public static IssuedKey issue(ProjectId projectId, String mainUrl, String standbyUrl) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String credential = Base64Url.encode(secret);
        ObjectNode body = JSON.createObjectNode();
        body.put("v", 1);
        body.put("main", mainUrl);
        if (standbyUrl != null && !standbyUrl.isBlank()) {
            body.put("standby", standbyUrl);
        }
        body.put("project", projectId.value());
        body.put("credential", credential);
        return new IssuedKey(PREFIX + Base64Url.encode(JSON.writeValueAsBytes(body)), hash(credential));
    }

    /** Reads a key presented by a device; anything malformed is {@code LICENSE_KEY_INVALID} (rule A1). */
    public static PresentedKey read(String licenseKey) {
        if (licenseKey == null || !licenseKey.startsWith(PREFIX) || licenseKey.length() > MAX_KEY_LENGTH) {
            throw invalid();
        }
        try {
            JsonNode body = JSON.readTree(new String(
                    Base64Url.decode(licenseKey.substring(PREFIX.length()), "license key"), StandardCharsets.UTF_8));
            JsonNode project = body.get("project");
            JsonNode credential = body.get("credential");
            if (project == null || !project.isString() || credential == null || !credential.isString()
                    || credential.asString().length() < 22) {
                throw invalid();
            }
            return new PresentedKey(Identifiers.projectId(project.asString()), hash(credential.asString()));
        } catch (JacksonException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    static String hash(String credential) {
        return ApiTokens.sha256Hex(credential);
    }

    private static LedgerException invalid() {
        return new LedgerException(ErrorCode.LICENSE_KEY_INVALID, "the license key is not valid");
    }

}
