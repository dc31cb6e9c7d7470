package io.licenseledger.licenseformat;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The overage arithmetic of SPEC section 3 that every quota decision rests on. */
class OverageAllowanceTest {

    @ParameterizedTest(name = "{0} over {1} allows {2} more")
    @CsvSource({
            "PERCENT(10), 10, 1",
            "PERCENT(10), 5, 0",
            "PERCENT(10), 19, 1",
            "PERCENT(10), 20, 2",
            "PERCENT(5), 100000, 5000",
            "PERCENT(100), 7, 7",
            "NONE, 10, 0"})
    void allowanceIsThePercentageRoundedDown(String overage, long quota, long expectedAllowance) {
        assertThat(OveragePolicy.parse(overage).allowanceOver(quota)).isEqualTo(expectedAllowance);
    }

    @Test
    void unlimitedAllowsEverything() {
        assertThat(OveragePolicy.UNLIMITED.allowanceOver(10)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0} seats with {1} stop at {2}")
    @CsvSource({
            "10, PERCENT(10), 11",
            "5, PERCENT(10), 5",
            "10, NONE, 10",
            "10, UNLIMITED, 9223372036854775807"})
    void hardLimitIsQuotaPlusAllowance(long seats, String overage, long expectedHardLimit) {
        assertThat(perDevice(seats, OveragePolicy.parse(overage)).hardLimit()).isEqualTo(expectedHardLimit);
    }

    private static LicenseItem perDevice(long seats, OveragePolicy overage) {
        return new LicenseItem(new ItemId("dev-1"), LicenseType.PER_DEVICE, seats, LicenseFixtures.ISSUED_AT,
                LicenseFixtures.VALID_UNTIL, ActiveWindow.P30D, Duration.ofDays(7), null, overage, null);
    }
}
