package io.licenseledger.events.licensing;

import java.time.Duration;

/** How long a {@link LicenseType#PER_DEVICE} device stays registered after its last activity (rule A3). */
public enum ActiveWindow {
    P1D(Duration.ofDays(1)),
    P30D(Duration.ofDays(30)),
    P90D(Duration.ofDays(90)),
    P365D(Duration.ofDays(365));

    private final Duration duration;

    ActiveWindow(Duration duration) {
        this.duration = duration;
    }

    public Duration duration() {
        return duration;
    }
}
