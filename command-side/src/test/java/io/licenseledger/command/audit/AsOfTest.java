package io.licenseledger.command.audit;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.Feature;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseRenewed;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectEvent;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.licenseledger.command.TestItems.perDevice;
import static io.licenseledger.command.TestItems.perUsage;
import static io.licenseledger.command.TestItems.renewing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A project's state at past instants, folded from a history recorded at known times. */
class AsOfTest {

    private static final ProjectId PROJECT = new ProjectId("prj-asof");
    private static final LicenseId LICENSE = new LicenseId("lic-asof");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final LicenseItem SEATS = perDevice("seats", 2, "PERCENT(50)", START, day(100));
    private static final LicenseItem UNITS = perUsage("units", 100, "UNLIMITED", START, day(100));
    private static final LicenseItem RENEWAL = renewing(perDevice("seats-2", 5, "NONE", day(100), day(465)),
            "seats");

    private final List<DomainEventMessage<?>> ledger = new ArrayList<>();

    private static Instant day(int n) {
        return START.plus(Duration.ofDays(n));
    }

    private void recorded(Instant at, ProjectEvent event) {
        ledger.add(new GenericDomainEventMessage<>("Project", PROJECT.value(), ledger.size(), event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
    }

    private void history() {
        recorded(day(0), new ProjectCreated(PROJECT, "Scanner", "h".repeat(64), Set.of()));
        recorded(day(0), new QuotaAdded(PROJECT, LICENSE, SEATS));
        recorded(day(0), new QuotaAdded(PROJECT, LICENSE, UNITS));
        recorded(day(1), authorized("dev-a", SEATS, day(1), day(31), false));
        recorded(day(2), authorized("dev-b", SEATS, day(2), day(32), false));
        recorded(day(3), authorized("dev-c", SEATS, day(3), day(33), true));
        recorded(day(4), new UsageRecorded(PROJECT, new DeviceId("dev-a"), new BatchId("b-1"), "f",
                List.of(new UsageAllocation(day(4), 60, new Feature("scan"), UNITS.itemId()),
                        new UsageAllocation(day(4), 70, null, UNITS.itemId())),
                130, UsageState.OVERAGE, null, day(4), day(34)));
        recorded(day(5), new DeviceUnregistered(PROJECT, new DeviceId("dev-b"), SEATS.itemId(),
                UnregistrationReason.UNREGISTERED_BY_ADMIN, day(5)));
        recorded(day(6), new ItemStatusChanged(PROJECT, UNITS.itemId(), LicenseStatus.SUSPENDED, "audit", day(6)));
        recorded(day(7), new ProjectStatusChanged(PROJECT, LicenseStatus.SUSPENDED, "unpaid", day(7)));
        recorded(day(8), new ProjectStatusChanged(PROJECT, LicenseStatus.ACTIVE, null, day(8)));
        recorded(day(90), new LicenseRenewed(PROJECT, LICENSE, RENEWAL, SEATS.itemId()));
    }

    private static DeviceAuthorized authorized(String deviceId, LicenseItem item, Instant at, Instant until,
                                               boolean overage) {
        return new DeviceAuthorized(PROJECT, new DeviceId(deviceId), null, null, item.itemId(), item.type(), true,
                overage, at, until, at.plus(Duration.ofDays(7)));
    }

    private AsOfReport asOf(Instant at) {
        return AsOfReport.of(AsOf.fold(at, ledger.iterator()).orElseThrow(), 0, 50);
    }

    @Test
    void foldsEveryEventRecordedUpToTheInstantAndNoneAfter() {
        history();

        AsOfReport beforeAnyDevice = asOf(day(0).plusSeconds(1));
        AsOfReport threeDevices = asOf(day(3));
        AsOfReport oneSecondBefore = asOf(day(3).minusSeconds(1));

        assertThat(beforeAnyDevice.lastSequence()).isEqualTo(2);
        assertThat(beforeAnyDevice.devices().total()).isZero();
        assertThat(beforeAnyDevice.quota()).extracting(AsOfReport.TypeQuota::type, AsOfReport.TypeQuota::quota,
                        AsOfReport.TypeQuota::allowance, AsOfReport.TypeQuota::unlimited,
                        AsOfReport.TypeQuota::used, AsOfReport.TypeQuota::remaining)
                .containsExactly(tuple("PER_DEVICE", 2L, 1L, false, 0L, 2L), tuple("PER_USAGE", 100L, null, true, 0L, 100L));
        assertThat(threeDevices.lastSequence()).isEqualTo(5);
        assertThat(threeDevices.lastEventAt()).isEqualTo(day(3));
        assertThat(threeDevices.devices().registered()).extracting(AsOfReport.Device::deviceId,
                AsOfReport.Device::overage).containsExactly(tuple("dev-a", false), tuple("dev-b", false),
                tuple("dev-c", true));
        assertThat(threeDevices.devices().perItem()).isEqualTo(Map.of("seats", 3L));
        assertThat(oneSecondBefore.devices().total()).isEqualTo(2);
    }

    @Test
    void usageUnregistrationAndSuspensionsShowFromTheirInstantsOn() {
        history();

        AsOfReport afterUsage = asOf(day(4));
        AsOfReport afterUnregistration = asOf(day(5));
        AsOfReport itemSuspended = asOf(day(6));
        AsOfReport projectSuspended = asOf(day(7));
        AsOfReport reinstated = asOf(day(8));

        assertThat(afterUsage.items()).extracting(AsOfReport.ItemAsOf::itemId, AsOfReport.ItemAsOf::used,
                AsOfReport.ItemAsOf::remaining).containsExactly(tuple("seats", 3L, 0L), tuple("units", 130L, 0L));
        assertThat(afterUsage.devices().registered()).filteredOn(device -> device.deviceId().equals("dev-a"))
                .extracting(AsOfReport.Device::registeredUntil).containsExactly(day(34));
        assertThat(afterUnregistration.devices().registered()).extracting(AsOfReport.Device::deviceId)
                .containsExactly("dev-a", "dev-c");
        assertThat(itemSuspended.items()).extracting(AsOfReport.ItemAsOf::lifecycle)
                .containsExactly("ACTIVE", "SUSPENDED");
        assertThat(itemSuspended.quota()).extracting(AsOfReport.TypeQuota::type).containsExactly("PER_DEVICE");
        assertThat(projectSuspended.status()).isEqualTo("SUSPENDED");
        assertThat(reinstated.status()).isEqualTo("ACTIVE");
    }

    @Test
    void registrationsLapseAndItemsExpireWithTimeAloneWhileTheRenewalTakesOver() {
        history();

        AsOfReport onlyTheActiveDeviceLeft = asOf(day(33));
        AsOfReport renewedBeforeTheEnd = asOf(day(95));
        AsOfReport afterTheEnd = asOf(day(101));

        assertThat(onlyTheActiveDeviceLeft.lastSequence()).isEqualTo(10);
        assertThat(onlyTheActiveDeviceLeft.devices().registered()).extracting(AsOfReport.Device::deviceId)
                .containsExactly("dev-a");
        assertThat(renewedBeforeTheEnd.items()).extracting(AsOfReport.ItemAsOf::itemId, AsOfReport.ItemAsOf::term,
                AsOfReport.ItemAsOf::renewalOf).containsExactly(tuple("seats", "ACTIVE", null),
                tuple("units", "ACTIVE", null), tuple("seats-2", "NOT_YET_VALID", "seats"));
        assertThat(renewedBeforeTheEnd.soonestExpiry()).isEqualTo(day(100));
        assertThat(afterTheEnd.items()).extracting(AsOfReport.ItemAsOf::term)
                .containsExactly("EXPIRED", "EXPIRED", "ACTIVE");
        assertThat(afterTheEnd.quota()).extracting(AsOfReport.TypeQuota::type, AsOfReport.TypeQuota::quota,
                AsOfReport.TypeQuota::expiresAt).containsExactly(tuple("PER_DEVICE", 5L, day(465)));
        assertThat(afterTheEnd.soonestExpiry()).isEqualTo(day(465));
        assertThat(afterTheEnd.devices().total()).isZero();
    }

    @Test
    void beforeItsCreationTheProjectDidNotExist() {
        history();

        assertThat(AsOf.fold(day(0).minusMillis(1), ledger.iterator())).isEmpty();
        assertThat(AsOf.fold(day(1), List.<DomainEventMessage<?>>of().iterator())).isEmpty();
    }

    @Test
    void foldingStopsAtTheFirstEventRecordedAfterTheInstant() {
        recorded(day(0), new ProjectCreated(PROJECT, "Scanner", "h".repeat(64), Set.of()));
        recorded(day(0), new QuotaAdded(PROJECT, LICENSE, SEATS));
        recorded(day(2), authorized("dev-late", SEATS, day(2), day(32), false));
        // recorded by an instance whose clock lagged: after the instant's first later event, so not folded
        recorded(day(1), authorized("dev-lagging", SEATS, day(1), day(31), false));

        AsOfReport report = asOf(day(1));

        assertThat(report.lastSequence()).isEqualTo(1);
        assertThat(report.devices().total()).isZero();
    }

    @Test
    void devicesArePagedByDeviceIdWithTheTotalsOfAll() {
        history();

        AsOfReport secondPage = AsOfReport.of(AsOf.fold(day(3), ledger.iterator()).orElseThrow(), 1, 2);

        assertThat(secondPage.devices().total()).isEqualTo(3);
        assertThat(secondPage.devices().perType()).isEqualTo(Map.of("PER_DEVICE", 3L));
        assertThat(secondPage.devices().registered()).extracting(AsOfReport.Device::deviceId)
                .containsExactly("dev-c");
    }

    @Test
    void aFoldFromASnapshotAnswersAsTheFoldFromTheFirstEvent() {
        history();
        int snapshotSequence = 6;
        AsOf snapshot = AsOf.fold(day(4), ledger.subList(0, snapshotSequence + 1).iterator()).orElseThrow();

        AsOf fromSnapshot = AsOf.fold(day(33), new AsOf(day(33), snapshot.state(), snapshot.lastSequence(),
                snapshot.lastEventAt(), snapshot.lastSequence()), ledger.subList(snapshotSequence + 1, ledger.size())
                .iterator()).orElseThrow();
        AsOf fromStart = AsOf.fold(day(33), ledger.iterator()).orElseThrow();

        assertThat(fromSnapshot.snapshotSequence()).isEqualTo(6);
        assertThat(fromStart.snapshotSequence()).isNull();
        assertThat(AsOfReport.of(fromSnapshot, 0, 50)).usingRecursiveComparison().ignoringFields("snapshotSequence")
                .isEqualTo(AsOfReport.of(fromStart, 0, 50));
    }
}
