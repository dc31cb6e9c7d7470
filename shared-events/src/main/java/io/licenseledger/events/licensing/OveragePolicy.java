package io.licenseledger.events.licensing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far past its quota an item may be used: {@code NONE}, {@code PERCENT(n)} with n in 1..100, or
 * {@code UNLIMITED}. Written and read as that text. Data only: the range of n is checked when a license file is
 * read, so a policy recorded under older rules still replays.
 */
public record OveragePolicy(Kind kind, int percent) {

    public enum Kind { NONE, PERCENT, UNLIMITED }

    public static final OveragePolicy NONE = new OveragePolicy(Kind.NONE, 0);
    public static final OveragePolicy UNLIMITED = new OveragePolicy(Kind.UNLIMITED, 0);

    private static final Pattern PERCENT_TEXT = Pattern.compile("PERCENT\\((\\d{1,3})\\)");

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

    /** Reads the text {@link #toString()} writes, in any case and with surrounding blanks. */
    @JsonCreator
    public static OveragePolicy parse(String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT);
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
        throw new IllegalArgumentException("overage must be NONE, PERCENT(n) or UNLIMITED; got '" + text + "'");
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
