package io.licenseledger.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Which events an export shows in full: those of one project (its aggregate), stored at a time in {@code [from, to)};
 * every part may be absent. The others in the exported range appear as {@code omitted} lines, so the chain verifies.
 */
public record ExportFilter(String project, Instant from, Instant to) {

    public static final ExportFilter NONE = new ExportFilter(null, null, null);

    public ExportFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    public boolean isEmpty() {
        return project == null && from == null && to == null;
    }

    public boolean hasTimeRange() {
        return from != null || to != null;
    }

    /** Whether an event of {@code aggregateId} stored at {@code time} (ISO-8601 text) is shown. */
    public boolean matches(String aggregateId, String time) {
        if (project != null && !project.equals(aggregateId)) {
            return false;
        }
        if (!hasTimeRange()) {
            return true;
        }
        Instant at;
        try {
            at = Instant.parse(time);
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
}
