package io.licenseledger.query.devices;

import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.query.Paging;
import io.licenseledger.query.projects.ProjectQuery;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which devices of a project hold a live registration now; {@code type} null means every type. {@code search}, when
 * not null, keeps the devices whose id or name contains it, ignoring case (1..{@value #MAX_SEARCH} characters).
 */
public record FindActiveDevices(ProjectId projectId, Paging paging, DeviceSort sort, LicenseType type, String search)
        implements ProjectQuery {

    public static final int MAX_SEARCH = 128;

    public FindActiveDevices {
        if (search != null && (search.isEmpty() || search.length() > MAX_SEARCH)) {
            throw new InvalidValueException("search must be 1 to " + MAX_SEARCH + " characters");
        }
    }

    public FindActiveDevices(ProjectId projectId, Paging paging, DeviceSort sort, LicenseType type) {
        this(projectId, paging, sort, type, null);
    }

    /** Reads the optional {@code search} text: absent or blank is no search. */
    public static String parseSearch(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Reads the optional {@code type} filter: absent or blank is no filter. */
    public static LicenseType parseType(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Arrays.stream(LicenseType.values())
                .filter(type -> type.name().equals(text.trim().toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new InvalidValueException("type must be one of " + Arrays.stream(LicenseType.values())
                        .map(LicenseType::name).collect(Collectors.joining(", "))));
    }
}
