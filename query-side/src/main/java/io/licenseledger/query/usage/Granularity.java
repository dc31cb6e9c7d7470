package io.licenseledger.query.usage;

import io.licenseledger.events.InvalidValueException;

import java.time.Duration;
import java.util.Locale;

/** The width of a usage bucket, and how long a range may be asked for at that width. */
public enum Granularity {
    DAY(Duration.ofDays(1), 366),
    HOUR(Duration.ofHours(1), 31);

    private final Duration width;
    private final int maxDays;

    Granularity(Duration width, int maxDays) {
        this.width = width;
        this.maxDays = maxDays;
    }

    public Duration width() {
        return width;
    }

    public int maxDays() {
        return maxDays;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Granularity parse(String text) {
        for (Granularity granularity : values()) {
            if (granularity.text().equalsIgnoreCase(text.trim())) {
                return granularity;
            }
        }
        throw new InvalidValueException("granularity must be day or hour");
    }
}
