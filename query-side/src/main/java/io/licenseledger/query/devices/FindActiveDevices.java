package io.licenseledger.query.devices;

import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.query.Paging;
import io.licenseledger.query.projects.ProjectQuery;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which devices of a project hold a live registration now; {@code type} null means every type. */
public record FindActiveDevices(ProjectId projectId, Paging paging, DeviceSort sort, LicenseType type) implements ProjectQuery {

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
