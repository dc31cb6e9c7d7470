package io.licenseledger.command.authorization;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.EARLIER_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.authorizeApp;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.createdForApps;
import static io.licenseledger.command.project.ProjectFixtures.devicesRegistered;
import static io.licenseledger.command.project.ProjectFixtures.filledWithoutOverage;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.grantedApp;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.overageEntered;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static io.licenseledger.command.project.ProjectFixtures.refused;
import static io.licenseledger.command.project.ProjectFixtures.refusedApp;
import static io.licenseledger.command.project.ProjectFixtures.refusedFor;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AuthorizeDeviceTest {

    /** NOW minus 45 days: a registration then on a 30-day window lapsed 15 days ago. */
    private static final Instant LONG_AGO = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant LONG_AGO_PLUS_7_DAYS = Instant.parse("2026-01-22T12:00:00Z");
    private static final Instant LONG_AGO_PLUS_30_DAYS = Instant.parse("2026-02-14T12:00:00Z");
    /** Seats held for a 30-day active window, leased for a 7-day offline window (TestItems). */
    private static final LicenseItem TEN_SEATS = perDevice("seats-10", 10, "PERCENT(10)", TERM_START, TERM_END);
    private static final LicenseItem TWO_SEATS_NO_OVERAGE = perDevice("seats-2", 2, "NONE", TERM_START, TERM_END);
    /** Units leased for a 7-day offline window, which is also the registration. */
    private static final LicenseItem UNITS = perUsage("units-1000", 1000, "PERCENT(5)", TERM_START, TERM_END);
    /** A yearly item that ended on 1 February, when a renewal of one seat took over. */
    private static final Instant SWITCHOVER = Instant.parse("2026-02-01T00:00:00Z");
    private static final LicenseItem OLD = perDevice("old", 5, "NONE", Instant.parse("2025-02-01T00:00:00Z"),
            SWITCHOVER);
    private static final LicenseItem ONE_SEAT_RENEWAL = perDevice("renewal", 1, "NONE", SWITCHOVER, TERM_END);

    private final ProjectScenario fixture = new ProjectScenario();

    @Test
    void firstDeviceIsRegisteredWithALeaseForTheOfflineWindowAndASeatForTheActiveWindow() {
        fixture.given(created(), attached(TEN_SEATS))
                .when(authorize("dev-new", NOW))
                .expectGranted(granted("dev-new", TEN_SEATS, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void newDevicesAreGrantedWithoutOverageUpToTheSeats() {
        fixture.given(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 9, 0),
                        tenSeatsAlert(60, 6, EARLIER), tenSeatsAlert(80, 8, EARLIER))
                .when(authorize("dev-10", NOW))
                .expectEvents(granted("dev-10", TEN_SEATS, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        tenSeatsAlert(100, 10, NOW));
    }

    @Test
    void newDeviceIsGrantedInOverageWhenSeatsAreUsedButTheAllowanceIsNot() {
        fixture.given(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 0),
                        tenSeatsAlert(60, 6, EARLIER), tenSeatsAlert(80, 8, EARLIER), tenSeatsAlert(100, 10, EARLIER))
                .when(authorize("dev-11", NOW))
                .expectGranted(granted("dev-11", TEN_SEATS, true, true, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        overageEntered(LicenseType.PER_DEVICE, "seats-10", 11, 10, NOW),
                        hardStop(LicenseType.PER_DEVICE, "seats-10", 11, 11, NOW));
    }

    @Test
    void newDeviceIsRefusedWhenSeatsAndOverageAreUsed() {
        fixture.given(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 1))
                .when(authorize("dev-12", NOW))
                .expectRefused(refused("dev-12", ErrorCode.QUOTA_EXCEEDED, NOW));
    }

    @Test
    void newDeviceIsRefusedAtTheSeatsWhenTheItemAllowsNoOverage() {
        fixture.given(created(), attached(TWO_SEATS_NO_OVERAGE), devicesRegistered(TWO_SEATS_NO_OVERAGE, 2, 0))
                .when(authorize("dev-3", NOW))
                .expectRefused(refused("dev-3", ErrorCode.QUOTA_EXCEEDED, NOW));
    }

    @Test
    void registeredDeviceIsReauthorizedWithoutANewSeatWhileTheProjectIsFull() {
        fixture.given(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 1))
                .when(authorize("dev-1", NOW))
                .expectGranted(granted("dev-1", TEN_SEATS, false, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void deviceRegisteredInOverageStaysInOverageWhenReauthorized() {
        fixture.given(created(), attached(TEN_SEATS), devicesRegistered(TEN_SEATS, 10, 1))
                .when(authorize("dev-11", NOW))
                .expectEvents(granted("dev-11", TEN_SEATS, false, true, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void reauthorizingARegisteredDeviceTakesNoSeatFromTheNextNewDevice() {
        Instant aMinuteAgo = Instant.parse("2026-03-01T11:59:00Z");

        fixture.given(created(), attached(TWO_SEATS_NO_OVERAGE), devicesRegistered(TWO_SEATS_NO_OVERAGE, 1, 0),
                        granted("dev-1", TWO_SEATS_NO_OVERAGE, false, false, aMinuteAgo,
                                Instant.parse("2026-03-31T11:59:00Z"), Instant.parse("2026-03-08T11:59:00Z")))
                .when(authorize("dev-2", NOW))
                .expectEvents(granted("dev-2", TWO_SEATS_NO_OVERAGE, true, false, NOW, NOW_PLUS_30_DAYS,
                                NOW_PLUS_7_DAYS),
                        twoSeatsFilled(NOW));
    }

    static Stream<Arguments> itemsEndingWithinTheWindows() {
        Instant inTwoDays = NOW.plus(Duration.ofDays(2));
        Instant inTenDays = NOW.plus(Duration.ofDays(10));
        return Stream.of(
                arguments(named("lease and registration stop at the end of an item ending within the windows",
                        perDevice("ending-soon", 5, "NONE", TERM_START, inTwoDays)), inTwoDays, inTwoDays),
                arguments(named("registration stops at the item's end while the shorter lease runs its full offline"
                        + " window", perDevice("ending-in-10-days", 5, "NONE", TERM_START, inTenDays)), inTenDays,
                        NOW_PLUS_7_DAYS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("itemsEndingWithinTheWindows")
    void registrationAndLeaseNeverRunPastTheItemsEnd(LicenseItem item, Instant registeredUntil, Instant leaseEnd) {
        fixture.given(created(), attached(item))
                .when(authorize("dev-new", NOW))
                .expectEvents(granted("dev-new", item, true, false, NOW, registeredUntil, leaseEnd));
    }

    @Test
    void itemEndingSoonestServesNewDevicesFirst() {
        LicenseItem endsSoon = perDevice("ends-soon", 5, "NONE", TERM_START, Instant.parse("2026-06-01T00:00:00Z"));

        fixture.given(created(), attached(perDevice("ends-late", 5, "NONE", TERM_START, TERM_END)), attached(endsSoon))
                .when(authorize("dev-new", NOW))
                .expectEvents(granted("dev-new", endsSoon, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void whenTheSoonestEndingItemIsFullTheNextItemsSeatsAreUsedBeforeAnyOverage() {
        LicenseItem endsLate = perDevice("ends-late", 5, "PERCENT(100)", TERM_START, TERM_END);
        LicenseItem endsSoon = perDevice("ends-soon", 1, "PERCENT(100)", TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));

        fixture.given(created(), attached(endsLate), attached(endsSoon),
                        granted("dev-1", endsSoon, true, false, EARLIER, EARLIER_PLUS_30_DAYS, EARLIER_PLUS_7_DAYS))
                .when(authorize("dev-2", NOW))
                .expectEvents(granted("dev-2", endsLate, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void projectWithoutItemsRefusesAsExpired() {
        fixture.given(created())
                .when(authorize("dev-new", NOW))
                .expectRefused(refused("dev-new", ErrorCode.LICENSE_EXPIRED, NOW));
    }

    @Test
    void projectWhoseOnlyItemStartsLaterRefusesAsNotYetValid() {
        LicenseItem future = perDevice("future", 5, "NONE", NOW.plus(Duration.ofDays(1)), TERM_END);

        fixture.given(created(), attached(future))
                .when(authorize("dev-new", NOW))
                .expectRefused(refused("dev-new", ErrorCode.LICENSE_NOT_YET_VALID, NOW));
    }

    @Test
    void projectWhoseItemsAllEndedRefusesAsExpiredEvenForARegisteredDeviceWhoseRegistrationItFrees() {
        LicenseItem ended = perDevice("ended", 5, "NONE", TERM_START, NOW.minus(Duration.ofDays(1)));
        LicenseItem endedAtThisInstant = perUsage("ended-now", 5, "NONE", TERM_START, NOW);

        fixture.given(created(), attached(ended), attached(endedAtThisInstant),
                        granted("dev-1", ended, true, false, TERM_START, Instant.parse("2026-01-31T00:00:00Z"),
                                Instant.parse("2026-01-08T00:00:00Z")))
                .when(authorize("dev-1", NOW))
                .expectEvents(unregistered("dev-1", ended, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        refused("dev-1", ErrorCode.LICENSE_EXPIRED, NOW))
                .expectResultMessagePayloadMatching(refusedFor(ErrorCode.LICENSE_EXPIRED));
    }

    @Test
    void allowedAppIsGrantedAndRecordedWithItsAppId() {
        fixture.given(createdForApps("com.acme.scanner", "com.acme.viewer"), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", "com.acme.scanner", NOW))
                .expectEvents(grantedApp("dev-new", "com.acme.scanner", TEN_SEATS, true, false, NOW,
                        NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void otherAppIsRefusedAndTheRefusalIsRecorded() {
        fixture.given(createdForApps("com.acme.scanner"), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", "com.rival.app", NOW))
                .expectRefused(refusedApp("dev-new", "com.rival.app", ErrorCode.APP_NOT_ALLOWED, NOW));
    }

    @Test
    void missingAppIsRefusedWhenTheProjectRestrictsApps() {
        fixture.given(createdForApps("com.acme.scanner"), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", null, NOW))
                .expectRefused(refused("dev-new", ErrorCode.APP_NOT_ALLOWED, NOW));
    }

    @Test
    void anyAppIsServedWhenTheProjectRestrictsNone() {
        fixture.given(created(), attached(TEN_SEATS))
                .when(authorizeApp("dev-new", "com.anyone.app", NOW))
                .expectEvents(grantedApp("dev-new", "com.anyone.app", TEN_SEATS, true, false, NOW, NOW_PLUS_30_DAYS,
                        NOW_PLUS_7_DAYS));
    }

    @Test
    void usageDeviceIsGrantedWhileUnitsRemainWithALeaseAsRegistration() {
        fixture.given(created(), attached(UNITS), used(UNITS, 999))
                .when(authorize("dev-new", NOW))
                .expectGranted(granted("dev-new", UNITS, true, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void usageDeviceIsGrantedInOverageWhenPastQuotaButInsideTheAllowance() {
        fixture.given(created(), attached(UNITS), used(UNITS, 1049))
                .when(authorize("dev-new", NOW))
                .expectEvents(granted("dev-new", UNITS, true, true, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void usageDeviceIsRefusedOnceQuotaAndAllowanceAreUsed() {
        fixture.given(created(), attached(UNITS), used(UNITS, 1050))
                .when(authorize("dev-new", NOW))
                .expectRefused(refused("dev-new", ErrorCode.QUOTA_EXCEEDED, NOW));
    }

    @Test
    void knownUsageDeviceIsRefusedOnceQuotaAndAllowanceAreUsed() {
        fixture.given(created(), attached(UNITS), dev1GrantedUnitsEarlier(), used(UNITS, 1200))
                .when(authorize("dev-1", NOW))
                .expectRefused(refused("dev-1", ErrorCode.QUOTA_EXCEEDED, NOW));
    }

    @Test
    void knownUsageDeviceIsReauthorizedWhileUnitsRemain() {
        fixture.given(created(), attached(UNITS), dev1GrantedUnitsEarlier(), used(UNITS, 10))
                .when(authorize("dev-1", NOW))
                .expectEvents(granted("dev-1", UNITS, false, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void deviceWhoseItemEndedLeavesItAndMovesToAnotherValidItemAsANewRegistration() {
        fixture.given(created(), attached(OLD), attached(ONE_SEAT_RENEWAL), dev1GrantedOldUntilTheSwitchover())
                .when(authorize("dev-1", NOW))
                .expectEvents(unregistered("dev-1", OLD, UnregistrationReason.ITEM_ENDED, NOW),
                        granted("dev-1", ONE_SEAT_RENEWAL, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS),
                        filledWithoutOverage(LicenseType.PER_DEVICE, "renewal", 1, 1, NOW));
    }

    @Test
    void deviceThatMovedToAnotherItemHoldsItsSeatThere() {
        fixture.given(created(), attached(OLD), attached(ONE_SEAT_RENEWAL), dev1GrantedOldUntilTheSwitchover(),
                        granted("dev-1", ONE_SEAT_RENEWAL, true, false, EARLIER, EARLIER_PLUS_30_DAYS,
                                EARLIER_PLUS_7_DAYS))
                .when(authorize("dev-2", NOW))
                .expectEvents(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, NOW));
    }

    @Test
    void seatsOfDevicesInactiveForTheirActiveWindowAreFreedForANewDevice() {
        fixture.given(created(), attached(TWO_SEATS_NO_OVERAGE), grantedLongAgo("dev-1", TWO_SEATS_NO_OVERAGE),
                        grantedLongAgo("dev-2", TWO_SEATS_NO_OVERAGE), twoSeatsFilled(LONG_AGO))
                .when(authorize("dev-3", NOW))
                .expectEvents(
                        unregistered("dev-1", TWO_SEATS_NO_OVERAGE, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        unregistered("dev-2", TWO_SEATS_NO_OVERAGE, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        granted("dev-3", TWO_SEATS_NO_OVERAGE, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void deviceBackAfterItsRegistrationLapsedIsUnregisteredAndTakesASeatAgain() {
        fixture.given(created(), attached(TEN_SEATS), grantedLongAgo("dev-1", TEN_SEATS))
                .when(authorize("dev-1", NOW))
                .expectEvents(unregistered("dev-1", TEN_SEATS, UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW),
                        granted("dev-1", TEN_SEATS, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    private static AlertRaised tenSeatsAlert(int percent, long used, Instant at) {
        return quotaAlert(LicenseType.PER_DEVICE, percent, "seats-10", used, 10, at);
    }

    private static List<Object> twoSeatsFilled(Instant at) {
        return filledWithoutOverage(LicenseType.PER_DEVICE, "seats-2", 2, 2, at);
    }

    /** Registered LONG_AGO, so lapsed 15 days ago. */
    private static DeviceAuthorized grantedLongAgo(String deviceId, LicenseItem item) {
        return granted(deviceId, item, true, false, LONG_AGO, LONG_AGO_PLUS_30_DAYS, LONG_AGO_PLUS_7_DAYS);
    }

    private static DeviceAuthorized dev1GrantedUnitsEarlier() {
        return granted("dev-1", UNITS, true, false, EARLIER, EARLIER_PLUS_7_DAYS, EARLIER_PLUS_7_DAYS);
    }

    /** dev-1, on OLD since mid-January, registered until OLD ended. */
    private static DeviceAuthorized dev1GrantedOldUntilTheSwitchover() {
        return granted("dev-1", OLD, true, false, Instant.parse("2026-01-15T00:00:00Z"), SWITCHOVER,
                Instant.parse("2026-01-22T00:00:00Z"));
    }

    private static UsageRecorded used(LicenseItem item, long units) {
        return new UsageRecorded(PROJECT, new DeviceId("dev-usage"), new BatchId("batch-" + units), "f".repeat(64),
                List.of(new UsageAllocation(EARLIER, units, null, item.itemId())), units, UsageState.OK, null,
                EARLIER, null);
    }
}
