package io.licenseledger.query.usage;

import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.query.projects.ProjectQuery;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How many units a project used per day or hour, UTC days {@code from} to {@code to}, both included; at most 366
 * days by day and 31 days by hour, within {@value #FIRST_DAY_TEXT}..{@value #LAST_DAY_TEXT}: every day accepted
 * usage can fall on, and no further, so the range's instants stay within every SQL timestamp type.
 */
public record FindUsage(ProjectId projectId, LocalDate from, LocalDate to, Granularity granularity) implements ProjectQuery {

    static final String FIRST_DAY_TEXT = "1970-01-01";
    static final String LAST_DAY_TEXT = "9999-12-31";
    static final LocalDate FIRST_DAY = LocalDate.parse(FIRST_DAY_TEXT);
    static final LocalDate LAST_DAY = LocalDate.parse(LAST_DAY_TEXT);

    public FindUsage {
        if (from == null || to == null || granularity == null) {
            throw new InvalidValueException("from, to and granularity are required");
        }
        requireWithinDays(from, "from");
        requireWithinDays(to, "to");
        if (to.isBefore(from)) {
            throw new InvalidValueException("from must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > granularity.maxDays()) {
            throw new InvalidValueException("a range by " + granularity.text() + " spans at most "
                    + granularity.maxDays() + " days");
        }
    }

    /** The range as asked over HTTP: {@code to} defaults to today, {@code from} to 29 days before it by day. */
    public static FindUsage asked(ProjectId projectId, LocalDate from, LocalDate to, Granularity granularity,
                                  LocalDate today) {
        LocalDate last = to != null ? to : today;
        if (from == null) {
            requireWithinDays(last, "to"); // before a default 'from' is counted back from it
        }
        LocalDate first = from != null ? from : granularity == Granularity.DAY ? last.minusDays(29) : last;
        return new FindUsage(projectId, first, last, granularity);
    }

    static void requireWithinDays(LocalDate day, String field) {
        if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
            throw new InvalidValueException(field + " must be a day from " + FIRST_DAY + " to " + LAST_DAY);
        }
    }
}
