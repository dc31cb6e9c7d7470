package io.licenseledger.command.quota;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.quota.AddQuota;
import io.licenseledger.command.quota.DetachItem;
import io.licenseledger.command.quota.RenewLicense;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.ItemDetached;
import io.licenseledger.events.project.LicenseRenewed;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.UnregistrationReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.renewing;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.LICENSE;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.refusedFor;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;

/** AddQuota, RenewLicense and detaching an item (rules L3, L4, SPEC section 6). */
class QuotaTest {

    private static final LicenseItem SEATS = perDevice("seats-2", 2, "NONE", TERM_START, TERM_END);
    private static final LicenseItem NEXT_YEAR = renewing(perDevice("seats-2-2027", 2, "NONE", TERM_END,
            Instant.parse("2028-01-01T00:00:00Z")), "seats-2");
    private static final LicenseItem OTHER = perDevice("seats-5", 5, "NONE", TERM_START, TERM_END);

    private final ProjectScenario fixture = new ProjectScenario();

    @Test
    void addQuotaRecordsQuotaAddedOnce() {
        recordedOnce(new AddQuota(PROJECT, LICENSE, SEATS), new QuotaAdded(PROJECT, LICENSE, SEATS), created());
    }

    @Test
    void aRenewalJoinsTheProjectOfTheItemItRenews() {
        recordedOnce(new RenewLicense(PROJECT, LICENSE, NEXT_YEAR),
                new LicenseRenewed(PROJECT, LICENSE, NEXT_YEAR, new ItemId("seats-2")), created(), attached(SEATS));
    }

    @Test
    void aRenewalOfAnItemNotOnTheProjectOrOfNoItemIsRefusedWithNothingRecorded() {
        fixture.given(created(), attached(OTHER))
                .when(new RenewLicense(PROJECT, LICENSE, NEXT_YEAR))
                .expectRefusedRecordingNothing(ErrorCode.ITEM_NOT_FOUND, "renews item seats-2");
        fixture.given(created(), attached(SEATS))
                .when(new RenewLicense(PROJECT, LICENSE, OTHER))
                .expectRefusedRecordingNothing(ErrorCode.VALIDATION_FAILED, "renews no item");
    }

    @Test
    void detachingUnregistersTheItemsDevicesInTheOrderTheyRegisteredAndItsQuotaNoLongerCounts() {
        fixture.given(created(), attached(SEATS), attached(OTHER),
                        granted("zeta", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        granted("alpha", SEATS, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS),
                        granted("mike", OTHER, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS))
                .when(new DetachItem(PROJECT, SEATS.itemId(), NOW))
                .expectEvents(unregistered("zeta", SEATS, UnregistrationReason.ITEM_DETACHED, NOW),
                        unregistered("alpha", SEATS, UnregistrationReason.ITEM_DETACHED, NOW),
                        new ItemDetached(PROJECT, SEATS.itemId(), NOW));
        fixture.given(created(), attached(SEATS), new ItemDetached(PROJECT, SEATS.itemId(), EARLIER))
                .when(authorize("dev-1", NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_EXPIRED));
    }

    @Test
    void detachingAnItemNotAttachedIsRefusedWithNothingRecorded() {
        fixture.given(created(), attached(OTHER))
                .when(new DetachItem(PROJECT, SEATS.itemId(), NOW))
                .expectRefusedRecordingNothing(ErrorCode.ITEM_NOT_FOUND, "seats-2 is not attached");
    }

    @Test
    void aDetachedItemCanBeAddedAgain() {
        fixture.given(created(), attached(SEATS), new ItemDetached(PROJECT, SEATS.itemId(), EARLIER))
                .when(new AddQuota(PROJECT, LICENSE, SEATS))
                .expectEvents(new QuotaAdded(PROJECT, LICENSE, SEATS));
    }

    /** After {@code history}, {@code command} records {@code event} and answers true; once done, it changes nothing. */
    private void recordedOnce(Object command, Object event, Object... history) {
        fixture.given(history).when(command).expectChanged(event);
        fixture.given(history).andGiven(event).when(command).expectUnchanged();
    }
}
