package io.licenseledger.events.licensing;

import io.licenseledger.events.ItemId;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OveragePolicyTest {

    @Test
    void percentAllowanceIsTheExactRoundedDownShareForEveryQuotaUpToLongMax() {
        for (long quota : List.of(0L, 1L, 99L, 100L, 101L, 1_000_000L, LicenseItem.MAX_QUANTITY,
                Long.MAX_VALUE / 100, Long.MAX_VALUE / 100 + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE)) {
            for (int percent : List.of(1, 5, 10, 33, 99, 100)) {
                long exact = BigInteger.valueOf(quota).multiply(BigInteger.valueOf(percent))
                        .divide(BigInteger.valueOf(100)).longValueExact();
                assertThat(OveragePolicy.percent(percent).allowanceOver(quota)).as("%d %% of %d", percent, quota)
                        .isEqualTo(exact);
            }
        }
    }

    @Test
    void hardLimitOfTheLargestItemWithTheLargestOverageIsExact() {
        LicenseItem item = new LicenseItem(new ItemId("units"), LicenseType.PER_USAGE,
                LicenseItem.MAX_QUANTITY, LicenseItem.EARLIEST_TIME, LicenseItem.LATEST_TIME, null,
                LicenseItem.MAX_OFFLINE_WINDOW, null, OveragePolicy.percent(100), null);

        assertThat(item.hardLimit()).isEqualTo(2 * LicenseItem.MAX_QUANTITY);
        assertThat(OveragePolicy.UNLIMITED.allowanceOver(LicenseItem.MAX_QUANTITY)).isEqualTo(Long.MAX_VALUE);
    }

    /** The vendor's range of n is checked as a license file is read; what an event holds always reads back. */
    @Test
    void writtenPolicyReadsBackWhateverItsPercentage() {
        for (OveragePolicy policy : List.of(OveragePolicy.NONE, OveragePolicy.UNLIMITED, OveragePolicy.percent(0),
                OveragePolicy.percent(10), OveragePolicy.percent(250))) {
            assertThat(OveragePolicy.parse(policy.toString())).isEqualTo(policy);
        }
        assertThat(OveragePolicy.parse(" percent(5) ")).isEqualTo(OveragePolicy.percent(5));
    }
}
