package io.licenseledger.licenseformat;

import io.licenseledger.events.Identifiers;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The payload of a license file (rule L1): licenseId, licensee, issuedAt and items. Items carry {@code seats} for
 * the device types and {@code units} for PER_USAGE; windows are ISO-8601 durations; omitted options take the
 * defaults of SPEC section 3.
 */
public record LicenseDocument(LicenseId licenseId, String licensee, Instant issuedAt, List<LicenseItem> items) {

    public static final String JWS_TYPE = "license+jws";
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public LicenseDocument {
        items = List.copyOf(items);
    }

    /** Signs this document as a license file. */
    public String sign(Ed25519PrivateKey vendorKey) {
        return Jws.sign(toJson(), vendorKey, JWS_TYPE);
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("licenseId", licenseId.value());
        root.put("licensee", licensee);
        root.put("issuedAt", issuedAt.toString());
        ArrayNode array = root.putArray("items");
        for (LicenseItem item : items) {
            ObjectNode node = array.addObject();
            node.put("itemId", item.itemId().value());
            node.put("type", item.type().name());
            node.put(item.type() == LicenseType.PER_USAGE ? "units" : "seats", item.quantity());
            node.put("validFrom", item.validFrom().toString());
            node.put("validUntil", item.validUntil().toString());
            if (item.activeWindow() != null) {
                node.put("activeWindow", item.activeWindow().name());
            }
            node.put("offlineWindow", item.offlineWindow().toString());
            if (item.seatLease() != null) {
                node.put("seatLease", item.seatLease().toString());
            }
            node.put("overage", item.overage().toString());
            if (item.renewalOf() != null) {
                node.put("renewalOf", item.renewalOf().value());
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    public static LicenseDocument parse(byte[] json) throws LicenseFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new LicenseFormatException("the license payload is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new LicenseFormatException("the license payload must be a JSON object");
        }
        try {
            LicenseId licenseId = Identifiers.licenseId(text(root, "licenseId", true));
            String licensee = text(root, "licensee", true);
            if (licensee.isBlank() || licensee.length() > 200) {
                throw new LicenseFormatException("licensee must be 1..200 characters");
            }
            Instant issuedAt = time(root, "issuedAt");
            JsonNode itemsNode = root.get("items");
            if (itemsNode == null || !itemsNode.isArray() || itemsNode.isEmpty()) {
                throw new LicenseFormatException("items must be a non-empty array");
            }
            List<LicenseItem> items = new ArrayList<>();
            Set<ItemId> seen = new HashSet<>();
            for (int i = 0; i < itemsNode.size(); i++) {
                LicenseItem item = parseItem(itemsNode.get(i), "items[" + i + "]");
                if (!seen.add(item.itemId())) {
                    throw new LicenseFormatException("items[" + i + "].itemId " + item.itemId() + " appears twice");
                }
                items.add(item);
            }
            return new LicenseDocument(licenseId, licensee, issuedAt, items);
        } catch (IllegalArgumentException e) {
            throw new LicenseFormatException(e.getMessage());
        }
    }

    private static LicenseItem parseItem(JsonNode node, String path) throws LicenseFormatException {
        if (node == null || !node.isObject()) {
            throw new LicenseFormatException(path + " must be a JSON object");
        }
        try {
            ItemId itemId = Identifiers.itemId(text(node, "itemId", true));
            LicenseType type = parsed(node, "type", LicenseType::valueOf, "one of PER_DEVICE, CONCURRENT_DEVICE, PER_USAGE");
            String quantityField = type == LicenseType.PER_USAGE ? "units" : "seats";
            String otherField = type == LicenseType.PER_USAGE ? "seats" : "units";
            if (node.has(otherField)) {
                throw new LicenseFormatException(otherField + " does not apply to " + type + "; use " + quantityField);
            }
            JsonNode quantity = node.get(quantityField);
            long maxQuantity = type == LicenseType.PER_USAGE ? LicenseItem.MAX_QUANTITY : LicenseItem.MAX_SEATS;
            if (quantity == null || !quantity.isIntegralNumber() || !quantity.canConvertToLong()
                    || quantity.asLong() < 1 || quantity.asLong() > maxQuantity) {
                throw new LicenseFormatException(quantityField + " must be a whole number from 1 to " + maxQuantity);
            }
            Instant validFrom = time(node, "validFrom");
            Instant validUntil = time(node, "validUntil");
            ActiveWindow activeWindow = node.has("activeWindow")
                    ? parsed(node, "activeWindow", ActiveWindow::valueOf, "one of P1D, P30D, P90D, P365D")
                    : null;
            Duration offlineWindow = parsed(node, "offlineWindow", Duration::parse, "an ISO-8601 duration");
            Duration seatLease = node.has("seatLease")
                    ? parsed(node, "seatLease", Duration::parse, "an ISO-8601 duration")
                    : (type == LicenseType.CONCURRENT_DEVICE ? LicenseItem.DEFAULT_SEAT_LEASE : null);
            if (seatLease != null && seatLease.compareTo(LicenseItem.MAX_OFFLINE_WINDOW) > 0) {
                throw new LicenseFormatException("seatLease must be at most " + LicenseItem.MAX_OFFLINE_WINDOW);
            }
            OveragePolicy overage = node.has("overage")
                    ? parsed(node, "overage", LicenseItemRules::overage, "NONE, PERCENT(n) or UNLIMITED")
                    : OveragePolicy.defaultFor(type);
            ItemId renewalOf = node.has("renewalOf") ? Identifiers.itemId(text(node, "renewalOf", true)) : null;
            LicenseItem item = new LicenseItem(itemId, type, quantity.asLong(), validFrom, validUntil, activeWindow,
                    offlineWindow, seatLease, overage, renewalOf);
            LicenseItemRules.check(item);
            return item;
        } catch (LicenseFormatException | IllegalArgumentException e) {
            throw new LicenseFormatException(path + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, boolean required) throws LicenseFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new LicenseFormatException(field + " is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw new LicenseFormatException(field + " must be a string");
        }
        return value.asString();
    }

    /** An instant in the years a license may name, so that terms plus any window stay within every SQL type. */
    private static Instant time(JsonNode node, String field) throws LicenseFormatException {
        Instant time = parsed(node, field, Instant::parse, "an ISO-8601 UTC time");
        if (time.isBefore(LicenseItem.EARLIEST_TIME) || time.isAfter(LicenseItem.LATEST_TIME)) {
            throw new LicenseFormatException(field + " must be from " + LicenseItem.EARLIEST_TIME + " to "
                    + LicenseItem.LATEST_TIME + ", got '" + time + "'");
        }
        return time;
    }

    private static <T> T parsed(JsonNode node, String field, Function<String, T> parser, String expected)
            throws LicenseFormatException {
        String text = text(node, field, true);
        try {
            return parser.apply(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new LicenseFormatException(field + " must be " + expected + ", got '" + text + "'");
        }
    }
}
