package io.licenseledger.audit;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One line of an export as {@link ExportVerifier} reads it: its members, reused from line to line; members of other
 * kinds and unknown members are ignored.
 */
final class ExportLine {

    String kind;
    String format;
    Long after;
    Long position;
    Long globalIndex;
    Long sequence;
    String eventId;
    String aggregateId;
    String type;
    String revision;
    String time;
    String metadata;
    String payload;
    String digest;
    String chainHash;
    String signedAt;
    Boolean genesis;
    String keyId;
    String signature;
    Long events;
    Long omitted;
    Long checkpoints;

    /** Reads the object the parser is at the start of; false when a member has the wrong type. */
    boolean read(JsonParser parser) {
        kind = format = eventId = aggregateId = type = revision = time = metadata = payload = digest = chainHash =
                signedAt = keyId = signature = null;
        after = position = globalIndex = sequence = events = omitted = checkpoints = null;
        genesis = null;
        boolean wellTyped = true;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                parser.skipChildren();
                wellTyped &= isWellTyped(name, value);
                continue;
            }
            switch (name) {
                case "kind" -> kind = text(parser, value);
                case "format" -> format = text(parser, value);
                case "after" -> after = number(parser, value);
                case "position" -> position = number(parser, value);
                case "globalIndex" -> globalIndex = number(parser, value);
                case "sequence" -> sequence = number(parser, value);
                case "eventId" -> eventId = text(parser, value);
                case "aggregateId" -> aggregateId = text(parser, value);
                case "type" -> type = text(parser, value);
                case "revision" -> revision = text(parser, value);
                case "time" -> time = text(parser, value);
                case "metadata" -> metadata = text(parser, value);
                case "payload" -> payload = text(parser, value);
                case "digest" -> digest = text(parser, value);
                case "chainHash" -> chainHash = text(parser, value);
                case "signedAt" -> signedAt = text(parser, value);
                case "genesis" -> genesis = value == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                case "keyId" -> keyId = text(parser, value);
                case "signature" -> signature = text(parser, value);
                case "events" -> events = number(parser, value);
                case "omitted" -> omitted = number(parser, value);
                case "checkpoints" -> checkpoints = number(parser, value);
                default -> { }
            }
            wellTyped &= value == JsonToken.VALUE_NULL || isWellTyped(name, value);
        }
        return wellTyped;
    }

    private static boolean isWellTyped(String name, JsonToken value) {
        return switch (name) {
            case "after", "position", "globalIndex", "sequence", "events", "omitted", "checkpoints" ->
                    value == JsonToken.VALUE_NUMBER_INT;
            case "genesis" -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
            case "kind", "format", "eventId", "aggregateId", "type", "revision", "time", "metadata", "payload",
                 "digest", "chainHash", "signedAt", "keyId", "signature" -> value == JsonToken.VALUE_STRING;
            default -> true;
        };
    }

    private static String text(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_STRING ? parser.getString() : null;
    }

    private static Long number(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
    }

    /** The 32 bytes a 64-digit hex member holds, or null for anything else. */
    static byte[] hash(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        try {
            return LedgerChain.fromHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
