package io.licenseledger.events.licensing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.licenseledger.events.InvalidValueException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far past its quota an item may be used: {@code NONE}, {@code PERCENT(n)} with n in 1..100, or
 * {@code UNLIMITED}. Written and read as that text.
 */
public record OveragePolicy(Kind kind, int percent) {

    public enum Kind { NONE, PERCENT, UNLIMITED }

    public static final OveragePolicy NONE = new OveragePolicy(Kind.NONE, 0);
    public static final OveragePolicy UNLIMITED = new OveragePolicy(Kind.UNLIMITED, 0);

    private static final Pattern PERCENT_TEXT = Pattern.compile("PERCENT\\((\\d{1,3})\\)");

    public OveragePolicy {
        if (kind == null) {
            throw new InvalidValueException("overage kind is missing");
        }
        if (kind == Kind.PERCENT && (percent < 1 || percent > 100)) {
            throw new InvalidValueException("overage PERCENT(n) needs n in 1..100, got " + percent);
        }
        if (kind != Kind.PERCENT && percent != 0) {
            throw new InvalidValueException("overage " + kind + " takes no percentage");
        }
    }

    public static OveragePolicy percent(int percent) {
        return new OveragePolicy(Kind.PERCENT, percent);
    }

    /** The default overage of each type, SPEC section 3. */
    public static OveragePolicy defaultFor(LicenseType type) {
        return switch (type) {
            case PER_DEVICE -> percent(10);
            case CONCURRENT_DEVICE -> NONE;
            case PER_USAGE -> percent(5);
        };
    }

    @JsonCreator
    public static OveragePolicy parse(String text) {
        if (text == null) {
            throw new InvalidValueException("overage is missing");
        }
        String trimmed = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (trimmed.equals("NONE")) {
            return NONE;
        }
        if (trimmed.equals("UNLIMITED")) {
            return UNLIMITED;
        }
        Matcher matcher = PERCENT_TEXT.matcher(trimmed);
        if (matcher.matches()) {
            return percent(Integer.parseInt(matcher.group(1)));
        }
        throw new InvalidValueException("overage must be NONE, PERCENT(n) with n in 1..100, or UNLIMITED; got '"
                + text + "'");
    }

    /**
     * Extra units or seats allowed past {@code quota} (0 or more); {@link Long#MAX_VALUE} when unlimited. Rounded
     * down, and split so that no quota, however large, overflows on the way.
     */
    public long allowanceOver(long quota) {
        return switch (kind) {
            case NONE -> 0;
            case PERCENT -> quota <= 0 ? 0 : quota / 100 * percent + quota % 100 * percent / 100;
            case UNLIMITED -> Long.MAX_VALUE;
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return kind == Kind.PERCENT ? "PERCENT(" + percent + ")" : kind.name();
    }
}
