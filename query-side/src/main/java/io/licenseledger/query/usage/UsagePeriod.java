package io.licenseledger.query.usage;

import io.licenseledger.events.InvalidValueException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;

/** The width of a line of the usage history: a UTC day ("2026-11-30") or a UTC month ("2026-11"). */
enum UsagePeriod {
    DAY,
    MONTH;

    String of(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return this == DAY ? day.toString() : YearMonth.from(day).toString();
    }

    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UsagePeriod parse(String text) {
        for (UsagePeriod period : values()) {
            if (period.text().equalsIgnoreCase(text.trim())) {
                return period;
            }
        }
        throw new InvalidValueException("granularity must be day or month");
    }
}
