package io.licenseledger.query.devices;

import io.licenseledger.events.InvalidValueException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How active devices are ordered: {@code field,asc|desc}; ties go by deviceId. */
public record DeviceSort(Field field, boolean descending) {

    public enum Field {
        DEVICE_ID("deviceId", "device_id"),
        FIRST_SEEN_AT("firstSeenAt", "first_seen_at"),
        LAST_ACTIVITY_AT("lastActivityAt", "last_activity_at"),
        REGISTERED_UNTIL("registeredUntil", "registered_until");

        private final String property;
        private final String column;

        Field(String property, String column) {
            this.property = property;
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    public DeviceSort {
        if (field == null) {
            throw new InvalidValueException("sort field is missing");
        }
    }

    /** Reads {@code lastActivityAt,desc}; the direction defaults to ascending. */
    public static DeviceSort parse(String text) {
        String[] parts = text.split(",", -1);
        Field field = Arrays.stream(Field.values()).filter(f -> f.property.equals(parts[0].trim())).findFirst()
                .orElseThrow(DeviceSort::invalid);
        if (parts.length == 1) {
            return new DeviceSort(field, false);
        }
        String direction = parts[1].trim().toLowerCase();
        if (parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw invalid();
        }
        return new DeviceSort(field, direction.equals("desc"));
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException("sort must be one of "
                + Arrays.stream(Field.values()).map(f -> f.property).collect(Collectors.joining(", "))
                + ", optionally followed by ,asc or ,desc");
    }
}
