package io.licenseledger.events.licensing;

import io.licenseledger.events.ItemId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LicenseItemTest {

    /** The rules of an item are checked as a license file is read (LicenseDocument); a stored item always replays. */
    @Test
    void itemHoldsWhateverItWasRecordedWith() {
        Instant at = LicenseItem.EARLIEST_TIME;
        LicenseItem item = new LicenseItem(new ItemId("units"), LicenseType.PER_USAGE, 0, at, at,
                ActiveWindow.P1D, Duration.ZERO, Duration.ZERO, OveragePolicy.percent(0), new ItemId("units"));

        assertThat(item.quantity()).isZero();
        assertThat(item.isValidAt(at)).isFalse();
        assertThat(item.hardLimit()).isZero();
    }
}
