package io.licenseledger.query.console;

import io.licenseledger.events.licensing.LicenseEvent;
import io.licenseledger.events.project.ProjectEvent;
import io.licenseledger.service.LedgerDatabase;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The latest events of the ledger, newest first, read from the event table the query side folds
 * ({@code domain_event_entry}), optionally of one project and one type. A filter looks at the last
 * {@value #WINDOW} events only, so that a rare filter never reads the whole ledger. (A component, not a repository:
 * it is no read model, and the rebuild's tests gather the read models' tables as the repositories of this side.)
 */
@Component
record LatestEvents(LedgerDatabase ledger, JsonMapper json) {

    static final int WINDOW = 100_000;
    static final int SHOWN = 50;
    private static final int PAYLOAD_SHOWN = 600;

    /** What an event row shows: its position, time, project, type, who caused it, and the start of its payload. */
    record Event(long position, String time, String projectId, String type, String actor, String payload) {
    }

    /** Every event type, by its short name, as the ledger stores its class name. */
    static final Map<String, String> TYPES = types();

    List<Event> latest(String projectId, String type) {
        Long head = ledger.jdbc().queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        if (head == null) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT global_index, aggregate_identifier, payload_type, time_stamp,"
                + " meta_data, payload FROM domain_event_entry WHERE global_index > ?");
        List<Object> arguments = new ArrayList<>(List.of(head - WINDOW));
        if (projectId != null) {
            sql.append(" AND aggregate_identifier = ?");
            arguments.add(projectId);
        }
        if (type != null) {
            sql.append(" AND payload_type = ?");
            arguments.add(TYPES.get(type));
        }
        sql.append(" ORDER BY global_index DESC FETCH FIRST ").append(SHOWN).append(" ROWS ONLY");
        return ledger.jdbc().query(sql.toString(), (rs, i) -> event(rs), arguments.toArray());
    }

    private Event event(ResultSet rs) throws SQLException {
        String type = rs.getString("payload_type");
        String payload = text(rs.getBytes("payload"));
        return new Event(rs.getLong("global_index"), rs.getString("time_stamp"), rs.getString("aggregate_identifier"),
                type.substring(type.lastIndexOf('.') + 1), actor(rs.getBytes("meta_data")),
                payload.length() > PAYLOAD_SHOWN ? payload.substring(0, PAYLOAD_SHOWN) + "…" : payload);
    }

    private String actor(byte[] metaData) {
        try {
            JsonNode parsed = json.readTree(text(metaData));
            return parsed.path("actor").asString("");
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> types() {
        Map<String, String> types = new TreeMap<>();
        Stream.of(ProjectEvent.class, LicenseEvent.class).forEach(root -> leaves(root, types));
        return Map.copyOf(types);
    }

    private static void leaves(Class<?> type, Map<String, String> types) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                leaves(permitted, types);
            }
        } else {
            types.put(type.getSimpleName(), type.getName());
        }
    }
}
