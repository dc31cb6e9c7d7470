package io.licenseledger.vendortool;

import tools.jackson.databind.node.ObjectNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --item}: comma-separated {@code key=value} pairs, turned into an item of the license payload. Only the
 * spec's own syntax and its time arithmetic are checked here; every license rule is left to
 * {@code LicenseDocument.parse}, so the tool refuses exactly what the server would.
 */
final class ItemSpec {

    private static final List<String> KEYS = List.of("id", "type", "seats", "units", "from", "until", "term",
            "activeWindow", "offlineWindow", "seatLease", "overage", "renewalOf");

    private static final Map<String, String> PAYLOAD_FIELD_OF_TEXT_KEY = Map.of(
            "id", "itemId",
            "type", "type",
            "activeWindow", "activeWindow",
            "offlineWindow", "offlineWindow",
            "seatLease", "seatLease",
            "overage", "overage",
            "renewalOf", "renewalOf");
    private static final List<String> QUANTITY_KEYS = List.of("seats", "units");

    private ItemSpec() {
    }

    /**
     * @param defaultFrom the start of the term when the spec has no {@code from}
     * @throws IllegalArgumentException naming the key when the spec cannot be read
     */
    static ObjectNode toPayloadItem(String spec, Instant defaultFrom) {
        Map<String, String> pairs = pairs(spec);
        ObjectNode item = Json.MAPPER.createObjectNode();
        pairs.forEach((key, value) -> {
            if (PAYLOAD_FIELD_OF_TEXT_KEY.containsKey(key)) {
                item.put(PAYLOAD_FIELD_OF_TEXT_KEY.get(key), value);
            } else if (QUANTITY_KEYS.contains(key)) {
                putQuantity(item, key, value);
            }
        });
        Instant from = pairs.containsKey("from") ? instant("from", pairs.get("from")) : defaultFrom;
        item.put("validFrom", from.toString());
        item.put("validUntil", until(pairs, from).toString());
        return item;
    }

    private static Map<String, String> pairs(String spec) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : spec.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("expected key=value, got '" + pair.trim() + "'");
            }
            String key = pair.substring(0, equals).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' (keys: " + String.join(", ", KEYS) + ")");
            }
            if (pairs.put(key, pair.substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException(key + " is given twice");
            }
        }
        return pairs;
    }

    /** Whole numbers go in as numbers; anything else goes in as given, for the payload rules to refuse by name. */
    private static void putQuantity(ObjectNode item, String key, String value) {
        try {
            item.put(key, Long.parseLong(value));
        } catch (NumberFormatException e) {
            item.put(key, value);
        }
    }

    private static Instant until(Map<String, String> pairs, Instant from) {
        String until = pairs.get("until");
        String term = pairs.get("term");
        if (until != null && term != null) {
            throw new IllegalArgumentException("give until or term, not both");
        }
        if (until != null) {
            return instant("until", until);
        }
        if (term == null) {
            throw new IllegalArgumentException("until or term is required");
        }
        try {
            return from.atOffset(ZoneOffset.UTC).plus(Period.parse(term)).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "term must be an ISO-8601 period such as P365D or P1Y, got '" + term + "'");
        }
    }

    private static Instant instant(String key, String value) {
        try {
            return parseInstant(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " " + e.getMessage());
        }
    }

    static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '" + value + "'");
        }
    }
}
