package io.licenseledger.command.licensing;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.LedgerException;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.licensing.LicenseImported;
import io.licenseledger.events.licensing.LicenseItem;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.licenseledger.command.Satisfying.satisfying;
import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static org.assertj.core.api.Assertions.assertThat;

class LicenseTest {

    private static final LicenseId LICENSE_ID = new LicenseId("ACME-2026-001");
    private static final Instant ISSUED_AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant VALID_UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    private static final List<LicenseItem> ITEMS = List.of(
            perDevice("dev-1", 10, "PERCENT(10)", ISSUED_AT, VALID_UNTIL),
            perUsage("usage-1", 100_000, "PERCENT(5)", ISSUED_AT, VALID_UNTIL));
    private static final String FILE_SHA256 = "a".repeat(64);
    private static final String OTHER_FILE_SHA256 = "b".repeat(64);

    private AggregateTestFixture<License> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(License.class);
    }

    @Test
    void firstImportRecordsTheLicenseWithItsItems() {
        whenImporting(FILE_SHA256)
                .expectEvents(imported(FILE_SHA256))
                .expectResultMessagePayload(License.ImportOutcome.IMPORTED);
    }

    @Test
    void sameFileAgainRecordsNothingAndSaysItWasAlreadyImported() {
        whenImporting(FILE_SHA256, imported(FILE_SHA256))
                .expectNoEvents()
                .expectResultMessagePayload(License.ImportOutcome.ALREADY_IMPORTED);
    }

    @Test
    void differentFileUnderAnImportedLicenseIdIsRefusedWithLicenseIdConflict() {
        whenImporting(OTHER_FILE_SHA256, imported(FILE_SHA256))
                .expectNoEvents()
                .expectException(satisfying(LedgerException.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.LICENSE_ID_CONFLICT);
                    assertThat(refusal.getMessage()).contains(LICENSE_ID.value(), "different file");
                }));
    }

    /** The license imported from the file of {@code fileSha256} after {@code history}. */
    private ResultValidator<License> whenImporting(String fileSha256, Object... history) {
        return fixture.given(history).when(importOf(fileSha256));
    }

    private static ImportLicense importOf(String fileSha256) {
        return new ImportLicense(LICENSE_ID, "Acme Corp", ISSUED_AT, "vendor-key-1", fileSha256, ITEMS);
    }

    private static LicenseImported imported(String fileSha256) {
        return new LicenseImported(LICENSE_ID, "Acme Corp", ISSUED_AT, "vendor-key-1", fileSha256, ITEMS);
    }
}
