package io.licenseledger.query.usage;

import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How many units a project used per day or hour, UTC days {@code from} to {@code to}, both included; at most 366
 * days by day and 31 days by hour.
 */
public record FindUsage(ProjectId projectId, LocalDate from, LocalDate to, Granularity granularity) {

    public FindUsage {
        if (from == null || to == null || granularity == null) {
            throw new InvalidValueException("from, to and granularity are required");
        }
        if (to.isBefore(from)) {
            throw new InvalidValueException("from must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > granularity.maxDays()) {
            throw new InvalidValueException("a range by " + granularity.text() + " spans at most "
                    + granularity.maxDays() + " days");
        }
    }
}
