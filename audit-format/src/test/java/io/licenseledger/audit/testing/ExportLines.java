package io.licenseledger.audit.testing;

import io.licenseledger.audit.Checkpoint;
import io.licenseledger.audit.ExportWriter;
import io.licenseledger.audit.LedgerChain;
import io.licenseledger.audit.StoredEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An export's lines, as a tamperer edits them: each line with its newline, readable and rewritable as JSON. */
public final class ExportLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExportLines() {
    }

    public static List<String> lines(String export) {
        List<String> lines = new ArrayList<>();
        for (String line : export.split("\n")) {
            lines.add(line + "\n");
        }
        return lines;
    }

    public static String join(List<String> lines) {
        return String.join("", lines);
    }

    public static ObjectNode node(String line) {
        return (ObjectNode) JSON.readTree(line);
    }

    public static String line(JsonNode node) {
        return node + "\n";
    }

    public static String kind(String line) {
        return node(line).get("kind").asString();
    }

    /** The index of the event or omitted line at {@code position}. */
    public static int indexOfPosition(List<String> lines, long position) {
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = node(lines.get(i));
            String kind = line.get("kind").asString();
            if (line.path("position").asLong() == position && (kind.equals("event") || kind.equals("omitted"))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no line at position " + position);
    }

    public static StoredEvent storedEvent(JsonNode line) {
        return new StoredEvent(line.get("position").asLong(), line.get("globalIndex").asLong(),
                line.get("eventId").asString(), line.get("aggregateId").asString(), line.get("sequence").asLong(),
                line.get("type").asString(), text(line.get("revision")), line.get("time").asString(),
                text(line.get("metadata")), line.get("payload").asString());
    }

    public static String eventLine(StoredEvent event, byte[] digest, byte[] chainHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = new ExportWriter(out);
        writer.event(event, digest, chainHash);
        writer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String checkpointLine(Checkpoint checkpoint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = new ExportWriter(out);
        writer.checkpoint(checkpoint);
        writer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * What an attacker who knows the format does after editing lines from {@code from} on: recomputes every digest and
     * chain hash after it from the chain hash before it, so that only a signed checkpoint can tell.
     */
    public static void rehash(List<String> lines, int from) {
        byte[] hash = LedgerChain.fromHex(previousChainHash(lines, from));
        for (int i = from; i < lines.size(); i++) {
            ObjectNode line = node(lines.get(i));
            String kind = line.get("kind").asString();
            if (kind.equals("event")) {
                StoredEvent event = storedEvent(line);
                byte[] digest = LedgerChain.digest(event);
                hash = LedgerChain.next(hash, digest);
                lines.set(i, eventLine(event, digest, hash));
            } else if (kind.equals("omitted")) {
                hash = LedgerChain.next(hash, LedgerChain.fromHex(line.get("digest").asString()));
                lines.set(i, line(line.put("chainHash", LedgerChain.hex(hash))));
            }
        }
    }

    private static String previousChainHash(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            JsonNode line = node(lines.get(i));
            if (line.has("chainHash")) {
                return line.get("chainHash").asString();
            }
        }
        throw new IllegalArgumentException("no chain hash before line " + index);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asString();
    }
}
