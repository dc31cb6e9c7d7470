package io.licenseledger.command.authorization;

import io.licenseledger.command.project.ProjectScenario;
import io.licenseledger.command.lifecycle.ExpireRegistration;
import io.licenseledger.command.lifecycle.ReleaseSeat;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.UnregistrationReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.licenseledger.command.TestItems.concurrent;
import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.project.ProjectFixtures.NOW;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_30_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.NOW_PLUS_7_DAYS;
import static io.licenseledger.command.project.ProjectFixtures.PROJECT;
import static io.licenseledger.command.project.ProjectFixtures.TERM_END;
import static io.licenseledger.command.project.ProjectFixtures.TERM_START;
import static io.licenseledger.command.project.ProjectFixtures.attached;
import static io.licenseledger.command.project.ProjectFixtures.authorize;
import static io.licenseledger.command.project.ProjectFixtures.created;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlertsToFull;
import static io.licenseledger.command.project.ProjectFixtures.filledWithoutOverage;
import static io.licenseledger.command.project.ProjectFixtures.granted;
import static io.licenseledger.command.project.ProjectFixtures.hardStop;
import static io.licenseledger.command.project.ProjectFixtures.overageEntered;
import static io.licenseledger.command.project.ProjectFixtures.quotaAlert;
import static io.licenseledger.command.project.ProjectFixtures.refused;
import static io.licenseledger.command.project.ProjectFixtures.unregistered;

/** CONCURRENT_DEVICE: a seat is held while its lease is live, renewed by each authorization, freed on release (A4). */
class ConcurrentSeatTest {

    private static final Duration LEASE = Duration.ofMinutes(3);
    /** NOW plus LEASE: a seat taken at NOW and not renewed is free from here. */
    private static final Instant LEASE_END = Instant.parse("2026-03-01T12:03:00Z");
    private static final Instant LEASE_END_PLUS_3_MINUTES = Instant.parse("2026-03-01T12:06:00Z");
    private static final Instant LEASE_END_PLUS_7_DAYS = Instant.parse("2026-03-08T12:03:00Z");
    /** Seats held for LEASE, leased for a 7-day offline window (TestItems). */
    private static final LicenseItem ONE_SEAT = concurrent("conc-1", 1, "NONE", LEASE, TERM_START, TERM_END);
    private static final LicenseItem FIVE_SEATS = concurrent("conc-5", 5, "NONE", LEASE, TERM_START, TERM_END);
    /** Two minutes after NOW, when the devices that renew their seat do. */
    private static final Instant RENEWAL = Instant.parse("2026-03-01T12:02:00Z");
    private static final Instant RENEWAL_PLUS_3_MINUTES = Instant.parse("2026-03-01T12:05:00Z");
    private static final Instant RENEWAL_PLUS_7_DAYS = Instant.parse("2026-03-08T12:02:00Z");

    private final ProjectScenario fixture = new ProjectScenario();

    @Test
    void deviceTakesAConcurrentSeatForItsSeatLeaseWithALeaseForTheOfflineWindow() {
        fixture.given(created(), attached(FIVE_SEATS))
                .when(authorize("dev-1", NOW))
                .expectEvents(new DeviceAuthorized(PROJECT, new DeviceId("dev-1"), "name of dev-1", null,
                        FIVE_SEATS.itemId(), LicenseType.CONCURRENT_DEVICE, true, false, NOW, LEASE_END,
                        NOW_PLUS_7_DAYS));
    }

    @Test
    void seatIsHeldWhileItsLeaseIsLive() {
        Instant justBeforeTheLeaseEnds = LEASE_END.minusSeconds(1);

        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .when(authorize("dev-2", justBeforeTheLeaseEnds))
                .expectRefused(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, justBeforeTheLeaseEnds));
    }

    @Test
    void authorizationRenewsTheSeatLeaseWithoutTakingAnotherSeat() {
        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .when(authorize("dev-1", RENEWAL))
                .expectEvents(new DeviceAuthorized(PROJECT, new DeviceId("dev-1"), "name of dev-1", null,
                        ONE_SEAT.itemId(), LicenseType.CONCURRENT_DEVICE, false, false, RENEWAL,
                        RENEWAL_PLUS_3_MINUTES, RENEWAL_PLUS_7_DAYS));
    }

    @Test
    void renewedSeatIsHeldPastTheFirstLease() {
        Instant afterTheFirstLease = NOW.plus(Duration.ofMinutes(4));

        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .andGiven(renewed("dev-1", ONE_SEAT))
                .when(authorize("dev-2", afterTheFirstLease))
                .expectEvents(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, afterTheFirstLease));
    }

    @Test
    void expiredLeaseIsFreedLazilyForANewDevice() {
        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .when(authorize("dev-2", LEASE_END))
                .expectEvents(expiredSeatTakenAtLeaseEnd("dev-1", ONE_SEAT, "dev-2"));
    }

    @Test
    void deviceBackAfterItsLeaseExpiredGivesItUpAndTakesASeatAnew() {
        Instant back = Instant.parse("2026-03-01T12:10:00Z");

        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .when(authorize("dev-1", back))
                .expectEvents(unregistered("dev-1", ONE_SEAT, UnregistrationReason.SEAT_LEASE_EXPIRED, back),
                        granted("dev-1", ONE_SEAT, true, false, back, Instant.parse("2026-03-01T12:13:00Z"),
                                Instant.parse("2026-03-08T12:10:00Z")));
    }

    @Test
    void sweeperFreesAnExpiredSeatWithoutAnyRequest() {
        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), LEASE_END))
                .expectEvents(unregistered("dev-1", ONE_SEAT, UnregistrationReason.SEAT_LEASE_EXPIRED, LEASE_END));
    }

    @Test
    void sweeperLeavesASeatWhoseLeaseWasRenewed() {
        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .andGiven(renewed("dev-1", ONE_SEAT))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), LEASE_END))
                .expectSuccessWithNoEvents();
    }

    @Test
    void seatLeaseStopsAtTheItemsEndAndThenTheItemHasEnded() {
        Instant itemEnd = NOW.plus(Duration.ofMinutes(1));
        LicenseItem endingNow = concurrent("ending-now", 1, "NONE", LEASE, TERM_START, itemEnd);

        fixture.given(created(), attached(endingNow), new DeviceAuthorized(PROJECT, new DeviceId("dev-1"),
                        "name of dev-1", null, endingNow.itemId(), LicenseType.CONCURRENT_DEVICE, true, false, NOW,
                        itemEnd, itemEnd))
                .when(new ExpireRegistration(PROJECT, new DeviceId("dev-1"), itemEnd))
                .expectEvents(unregistered("dev-1", endingNow, UnregistrationReason.ITEM_ENDED, itemEnd));
    }

    // ---- Release ----

    @Test
    void releasedSeatIsFreedAtOnce() {
        Instant at = NOW.plus(Duration.ofMinutes(1));

        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .when(new ReleaseSeat(PROJECT, new DeviceId("dev-1"), at))
                .expectEvents(unregistered("dev-1", ONE_SEAT, UnregistrationReason.RELEASED, at));
    }

    @Test
    void releasedSeatGoesToTheNextDeviceWhileTheReleasedLeaseWouldStillBeLive() {
        Instant at = Instant.parse("2026-03-01T12:01:00Z");

        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .andGivenCommands(new ReleaseSeat(PROJECT, new DeviceId("dev-1"), at))
                .when(authorize("dev-2", at))
                .expectEvents(granted("dev-2", ONE_SEAT, true, false, at, Instant.parse("2026-03-01T12:04:00Z"),
                        Instant.parse("2026-03-08T12:01:00Z")));
    }

    @Test
    void releasingASeatTwiceFreesItOnce() {
        Instant at = NOW.plus(Duration.ofMinutes(1));

        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .andGivenCommands(new ReleaseSeat(PROJECT, new DeviceId("dev-1"), at))
                .when(new ReleaseSeat(PROJECT, new DeviceId("dev-1"), at.plusSeconds(1)))
                .expectSuccessWithNoEvents();
    }

    @Test
    void releaseFromAnUnknownDeviceChangesNothing() {
        fixture.given(dev1HoldsTheOneSeatSinceNow())
                .when(new ReleaseSeat(PROJECT, new DeviceId("dev-unknown"), NOW))
                .expectSuccessWithNoEvents();
    }

    @Test
    void releaseFromAPerDeviceDeviceKeepsItsRegistration() {
        LicenseItem seats = perDevice("seats", 1, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(seats),
                        granted("dev-1", seats, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS))
                .andGivenCommands(new ReleaseSeat(PROJECT, new DeviceId("dev-1"), NOW.plusSeconds(1)))
                .when(authorize("dev-2", NOW.plusSeconds(2)))
                .expectEvents(refused("dev-2", ErrorCode.QUOTA_EXCEEDED, NOW.plusSeconds(2)));
    }

    @Test
    void releaseFromADeviceOnAUsageItemChangesNothing() {
        LicenseItem units = perUsage("units", 100, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(units),
                        granted("dev-1", units, true, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS))
                .when(new ReleaseSeat(PROJECT, new DeviceId("dev-1"), NOW.plusSeconds(1)))
                .expectSuccessWithNoEvents();
    }

    // ---- Five seats ----

    @Test
    void sixthDeviceIsRefusedWhileFiveLeasesAreLive() {
        Instant at = NOW.plus(Duration.ofMinutes(2)).plusSeconds(30);

        fixture.given(fiveDevicesHoldSeatsAndFourRenewed())
                .when(authorize("dev-6", at))
                .expectEvents(refused("dev-6", ErrorCode.QUOTA_EXCEEDED, at));
    }

    @Test
    void sixthDeviceTakesTheSeatOfTheOneDeviceThatDidNotRenew() {
        fixture.given(fiveDevicesHoldSeatsAndFourRenewed())
                .when(authorize("dev-6", LEASE_END))
                .expectEvents(expiredSeatTakenAtLeaseEnd("dev-5", FIVE_SEATS, "dev-6"));
    }

    @Test
    void seventhDeviceIsRefusedAfterTheSixthTookTheFreedSeat() {
        fixture.given(fiveDevicesHoldSeatsAndFourRenewed())
                .andGivenCommands(authorize("dev-6", LEASE_END))
                .when(authorize("dev-7", LEASE_END.plusSeconds(1)))
                .expectEvents(refused("dev-7", ErrorCode.QUOTA_EXCEEDED, LEASE_END.plusSeconds(1)));
    }

    @Test
    void concurrentSeatsWithAnOverageAllowanceServeInOverageOnceTheSeatsAreTaken() {
        LicenseItem withOverage = concurrent("conc-2", 2, "PERCENT(50)", LEASE, TERM_START, TERM_END);
        Instant aSecondLater = Instant.parse("2026-03-01T12:00:01Z");

        fixture.given(created(), attached(withOverage),
                        granted("dev-1", withOverage, true, false, NOW, LEASE_END, NOW_PLUS_7_DAYS),
                        granted("dev-2", withOverage, true, false, NOW, LEASE_END, NOW_PLUS_7_DAYS),
                        quotaAlertsToFull(LicenseType.CONCURRENT_DEVICE, "conc-2", 2, 2, NOW))
                .when(authorize("dev-3", aSecondLater))
                .expectEvents(granted("dev-3", withOverage, true, true, aSecondLater,
                                Instant.parse("2026-03-01T12:03:01Z"), Instant.parse("2026-03-08T12:00:01Z")),
                        overageEntered(LicenseType.CONCURRENT_DEVICE, "conc-2", 3, 2, aSecondLater),
                        hardStop(LicenseType.CONCURRENT_DEVICE, "conc-2", 3, 3, aSecondLater));
    }

    // ---- Which type serves a new device ----

    @Test
    void perDeviceSeatsServeBeforeConcurrentSeatsEvenWhenTheConcurrentItemEndsSooner() {
        LicenseItem concurrentEndingSoon = concurrent("conc-soon", 5, "NONE", LEASE, TERM_START,
                Instant.parse("2026-06-01T00:00:00Z"));
        LicenseItem perDevice = perDevice("seats", 5, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(concurrentEndingSoon), attached(perDevice))
                .when(authorize("dev-1", NOW))
                .expectEvents(granted("dev-1", perDevice, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS));
    }

    @Test
    void concurrentSeatServesANewDeviceOnceThePerDeviceSeatsAreTaken() {
        LicenseItem perDevice = perDevice("seats", 1, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(perDevice), attached(FIVE_SEATS),
                        granted("dev-1", perDevice, true, false, NOW, NOW_PLUS_30_DAYS, NOW_PLUS_7_DAYS))
                .when(authorize("dev-2", NOW))
                .expectEvents(granted("dev-2", FIVE_SEATS, true, false, NOW, LEASE_END, NOW_PLUS_7_DAYS));
    }

    @Test
    void usageItemServesANewDeviceOnceEverySeatIsTaken() {
        LicenseItem units = perUsage("units", 100, "NONE", TERM_START, TERM_END);

        fixture.given(created(), attached(units), attached(ONE_SEAT),
                        granted("dev-1", ONE_SEAT, true, false, NOW, LEASE_END, NOW_PLUS_7_DAYS))
                .when(authorize("dev-2", NOW))
                .expectEvents(granted("dev-2", units, true, false, NOW, NOW_PLUS_7_DAYS, NOW_PLUS_7_DAYS));
    }

    /** dev-1 took the one concurrent seat at NOW, which raised every alert of that term. */
    private static List<Object> dev1HoldsTheOneSeatSinceNow() {
        return List.of(created(), attached(ONE_SEAT),
                granted("dev-1", ONE_SEAT, true, false, NOW, LEASE_END, NOW_PLUS_7_DAYS),
                filledWithoutOverage(LicenseType.CONCURRENT_DEVICE, "conc-1", 1, 1, NOW));
    }

    /** dev-1..dev-5 took the five seats at NOW; dev-1..dev-4 renewed two minutes later, dev-5 did not. */
    private static List<Object> fiveDevicesHoldSeatsAndFourRenewed() {
        List<Object> events = new ArrayList<>(List.of(created(), attached(FIVE_SEATS)));
        for (int i = 1; i <= 5; i++) {
            events.add(granted("dev-" + i, FIVE_SEATS, true, false, NOW, LEASE_END, NOW_PLUS_7_DAYS));
        }
        events.add(quotaAlert(LicenseType.CONCURRENT_DEVICE, 60, "conc-5", 3, 5, NOW));
        events.add(quotaAlert(LicenseType.CONCURRENT_DEVICE, 80, "conc-5", 4, 5, NOW));
        events.add(quotaAlert(LicenseType.CONCURRENT_DEVICE, 100, "conc-5", 5, 5, NOW));
        events.add(hardStop(LicenseType.CONCURRENT_DEVICE, "conc-5", 5, 5, NOW));
        for (int i = 1; i <= 4; i++) {
            events.add(renewed("dev-" + i, FIVE_SEATS));
        }
        return events;
    }

    /** {@code holder} took a seat of {@code item} at NOW, lapsed at LEASE_END, when {@code newcomer} took it. */
    private static List<Object> expiredSeatTakenAtLeaseEnd(String holder, LicenseItem item, String newcomer) {
        return List.of(unregistered(holder, item, UnregistrationReason.SEAT_LEASE_EXPIRED, LEASE_END),
                granted(newcomer, item, true, false, LEASE_END, LEASE_END_PLUS_3_MINUTES, LEASE_END_PLUS_7_DAYS));
    }

    /** The device renewed its seat at RENEWAL. */
    private static DeviceAuthorized renewed(String deviceId, LicenseItem item) {
        return granted(deviceId, item, false, false, RENEWAL, RENEWAL_PLUS_3_MINUTES, RENEWAL_PLUS_7_DAYS);
    }
}
