package io.licenseledger.licenseformat;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Arrays;

/** A valid license payload with one item of each type and no optional field set, for tests to spoil one thing. */
final class LicenseFixtures {

    static final Instant ISSUED_AT = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant VALID_UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    static final int PER_DEVICE_ITEM = 0;
    static final int CONCURRENT_ITEM = 1;
    static final int PER_USAGE_ITEM = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LicenseFixtures() {
    }

    static ObjectNode validPayload() {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("licenseId", "ACME-2026-001");
        payload.put("licensee", "Acme Corp");
        payload.put("issuedAt", ISSUED_AT.toString());
        ArrayNode items = payload.putArray("items");
        ObjectNode perDevice = term(items.addObject(), "dev-1", "PER_DEVICE");
        perDevice.put("seats", 10);
        perDevice.put("activeWindow", "P30D");
        perDevice.put("offlineWindow", "P7D");
        ObjectNode concurrent = term(items.addObject(), "conc-1", "CONCURRENT_DEVICE");
        concurrent.put("seats", 5);
        concurrent.put("offlineWindow", "PT1H");
        ObjectNode perUsage = term(items.addObject(), "usage-1", "PER_USAGE");
        perUsage.put("units", 100_000);
        perUsage.put("offlineWindow", "P1D");
        return payload;
    }

    static ObjectNode item(ObjectNode payload, int index) {
        return (ObjectNode) payload.get("items").get(index);
    }

    static byte[] json(ObjectNode payload) {
        return JSON.writeValueAsBytes(payload);
    }

    static LicenseDocument validDocument() throws LicenseFormatException {
        return LicenseDocument.parse(json(validPayload()));
    }

    /** A fixed key, so a failing test can be replayed; different {@code n} give different keys. */
    static Ed25519PrivateKey key(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return new Ed25519PrivateKey(seed);
    }

    private static ObjectNode term(ObjectNode item, String itemId, String type) {
        item.put("itemId", itemId);
        item.put("type", type);
        item.put("validFrom", ISSUED_AT.toString());
        item.put("validUntil", VALID_UNTIL.toString());
        return item;
    }
}
