package io.licenseledger.query.devices;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.query.Paging;
import io.licenseledger.query.BatchedProjectionContract;
import io.licenseledger.query.ProjectionBatches;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.query.devices.ActiveDevices.Device;
import io.licenseledger.query.devices.UnregisteredDevices.Unregistration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.licenseledger.query.TestEvents.authorized;
import static io.licenseledger.query.TestEvents.entry;
import static io.licenseledger.query.TestEvents.unregistered;
import static io.licenseledger.query.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DeviceReadModelTest implements BatchedProjectionContract {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final ProjectId PROJECT = new ProjectId("scanner");
    private static final Duration DAY = Duration.ofDays(1);

    private final DeviceTable table = new DeviceTable(ReadModelDatabase.migrated());
    private final DeviceProjection projection = new DeviceProjection(table);
    private final DeviceQueries queries = new DeviceQueries(table, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anAuthorizedDeviceIsListedWithItsRegistration() {
        Instant at = NOW.minus(DAY);
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, at, at.plus(Duration.ofDays(30))));

        assertThat(activeDevices(DeviceSort.parse("lastActivityAt,desc"), new Paging(0, 50))).isEqualTo(
                new ActiveDevices("scanner", 0, 50, 1, List.of(new Device("d-1", "name of d-1", "PER_DEVICE",
                        "item-a", at, at, at.plus(Duration.ofDays(30)), false))));
    }

    @Test
    void reAuthorizationDoesNotAddADeviceButMovesItsActivityAndRegistration() {
        Instant first = NOW.minus(Duration.ofDays(5));
        Instant again = NOW.minus(DAY);
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, first, first.plus(Duration.ofDays(30))));
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, false, again, again.plus(Duration.ofDays(30))));

        ActiveDevices devices = activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50));

        assertThat(devices.total()).isEqualTo(1);
        assertThat(devices.devices()).containsExactly(new Device("d-1", "name of d-1", "PER_DEVICE", "item-a", first,
                again, again.plus(Duration.ofDays(30)), false));
    }

    @Test
    void aDeviceWhoseRegistrationLapsedIsNotListed() {
        Instant longAgo = NOW.minus(Duration.ofDays(40));
        projection.on(authorized(PROJECT, "lapsed", "item-a", LicenseType.PER_DEVICE, true, longAgo, longAgo.plus(Duration.ofDays(30))));
        projection.on(authorized(PROJECT, "live", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(DAY), NOW.plus(DAY)));
        projection.on(authorized(PROJECT, "ends-now", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(DAY), NOW));

        ActiveDevices devices = activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50));

        assertThat(devices.total()).isEqualTo(1);
        assertThat(devices.devices()).extracting(Device::deviceId).containsExactly("live");
    }

    @Test
    void aUsageReportKeepsTheDeviceRegisteredAndIsItsLatestActivity() {
        Instant authorizedAt = NOW.minus(Duration.ofDays(3));
        Instant reportedAt = NOW.minus(Duration.ofHours(1));
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, authorizedAt, NOW.minus(DAY)));
        projection.on(usage(PROJECT, "d-1", "b-1", reportedAt, reportedAt.plus(Duration.ofDays(30)),
                entry(reportedAt, 3, null, "item-u")));

        assertThat(activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50)).devices()).containsExactly(
                new Device("d-1", "name of d-1", "PER_DEVICE", "item-a", authorizedAt, reportedAt,
                        reportedAt.plus(Duration.ofDays(30)), false));
    }

    @Test
    void aUsageReportOfADeviceHoldingNoRegistrationChangesNothing() {
        Instant authorizedAt = NOW.minus(Duration.ofDays(3));
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, authorizedAt, NOW.minus(DAY)));
        projection.on(usage(PROJECT, "d-1", "b-1", NOW, null, entry(NOW, 3, null, null)));

        assertThat(activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50)).total()).isZero();
    }

    @Test
    void aRedeliveredAuthorizationLeavesTheSameRow() {
        var event = authorized(PROJECT, "d-1", "item-a", LicenseType.CONCURRENT_DEVICE, true, NOW.minus(DAY), NOW.plus(DAY));
        projection.on(event);
        ActiveDevices once = activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50));

        projection.on(event);

        assertThat(activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50))).isEqualTo(once);
    }

    @Test
    void devicesAreSortedByTheAskedFieldAndPaged() {
        projection.on(authorized(PROJECT, "c", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(Duration.ofHours(3)), NOW.plus(Duration.ofDays(2))));
        projection.on(authorized(PROJECT, "a", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(3))));
        projection.on(authorized(PROJECT, "b", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(1))));
        projection.on(authorized(new ProjectId("other"), "z", "item-x", LicenseType.PER_DEVICE, true, NOW, NOW.plus(DAY)));

        assertThat(ids(DeviceSort.parse("lastActivityAt,desc"), new Paging(0, 50))).containsExactly("a", "b", "c");
        assertThat(ids(DeviceSort.parse("registeredUntil,asc"), new Paging(0, 50))).containsExactly("b", "c", "a");
        assertThat(ids(DeviceSort.parse("deviceId,desc"), new Paging(0, 50))).containsExactly("c", "b", "a");
        assertThat(ids(DeviceSort.parse("firstSeenAt"), new Paging(0, 2))).containsExactly("c", "b");
        assertThat(activeDevices(DeviceSort.parse("firstSeenAt"), new Paging(1, 2)))
                .extracting(ActiveDevices::total, d -> d.devices().size()).containsExactly(3L, 1);
    }

    @Test
    void onlyTheDocumentedSortsAndPageSizesAreAccepted() {
        assertThat(DeviceSort.parse("registeredUntil")).isEqualTo(new DeviceSort(DeviceSort.Field.REGISTERED_UNTIL, false));
        assertThat(DeviceSort.parse("deviceId,DESC")).isEqualTo(new DeviceSort(DeviceSort.Field.DEVICE_ID, true));
        assertThatThrownBy(() -> DeviceSort.parse("deviceName,asc")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> DeviceSort.parse("deviceId,sideways")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> DeviceSort.parse("device_id; DROP TABLE qry_device")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Paging(0, 501)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Paging(0, 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Paging(-1, 10)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void anUnregisteredDeviceLeavesTheActiveListAtOnceAndTheAdminSeesWhy() {
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(DAY), NOW.plus(Duration.ofDays(29))));
        projection.on(authorized(PROJECT, "d-2", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(DAY), NOW.plus(Duration.ofDays(29))));

        projection.on(unregistered(PROJECT, "d-1", "item-a", UnregistrationReason.UNREGISTERED_BY_ADMIN, NOW.minusSeconds(60)));

        assertThat(ids(DeviceSort.parse("deviceId"), new Paging(0, 50))).containsExactly("d-2");
        assertThat(activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50)).total()).isEqualTo(1);
        assertThat(queries.handle(new FindUnregisteredDevices(PROJECT, new Paging(0, 50)))).isEqualTo(
                new UnregisteredDevices("scanner", 0, 50, 1, List.of(new Unregistration("d-1", "item-a",
                        "UNREGISTERED_BY_ADMIN", NOW.minusSeconds(60)))));
    }

    @Test
    void aDeviceAuthorizedAgainAfterItsUnregistrationIsActiveWithAFreshFirstSeenAt() {
        Instant first = NOW.minus(Duration.ofDays(5));
        Instant again = NOW.minus(DAY);
        projection.on(authorized(PROJECT, "c-1", "conc", LicenseType.CONCURRENT_DEVICE, true, first, first.plusSeconds(180)));
        projection.on(unregistered(PROJECT, "c-1", "conc", UnregistrationReason.RELEASED, first.plusSeconds(60)));
        projection.on(authorized(PROJECT, "c-1", "conc", LicenseType.CONCURRENT_DEVICE, true, again, NOW.plusSeconds(120)));

        assertThat(activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50)).devices()).containsExactly(
                new Device("c-1", "name of c-1", "CONCURRENT_DEVICE", "conc", again, again, NOW.plusSeconds(120), false));
        assertThat(queries.handle(new FindUnregisteredDevices(PROJECT, new Paging(0, 50))).unregistrations())
                .extracting(Unregistration::reason).containsExactly("RELEASED");
    }

    @Test
    void aUsageReportDoesNotBringAnUnregisteredDeviceBack() {
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(DAY), NOW.plus(DAY)));
        projection.on(unregistered(PROJECT, "d-1", "item-a", UnregistrationReason.UNREGISTERED_BY_ADMIN, NOW.minusSeconds(600)));
        projection.on(usage(PROJECT, "d-1", "b-1", NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)),
                entry(NOW.minusSeconds(60), 1, null, null)));

        assertThat(activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50)).total()).isZero();
    }

    @Test
    void anUnregistrationFromAnItemTheDeviceAlreadyLeftKeepsItActiveButIsListed() {
        Instant moved = NOW.minus(DAY);
        projection.on(authorized(PROJECT, "d-1", "item-old", LicenseType.PER_DEVICE, true, NOW.minus(Duration.ofDays(40)), moved));
        projection.on(authorized(PROJECT, "d-1", "item-new", LicenseType.PER_DEVICE, true, moved, NOW.plus(Duration.ofDays(29))));
        projection.on(unregistered(PROJECT, "d-1", "item-old", UnregistrationReason.ITEM_ENDED, moved.plusSeconds(1)));

        assertThat(ids(DeviceSort.parse("deviceId"), new Paging(0, 50))).containsExactly("d-1");
        assertThat(queries.handle(new FindUnregisteredDevices(PROJECT, new Paging(0, 50))).total()).isEqualTo(1);
    }

    @Test
    void unregistrationsAreListedMostRecentFirstPagedAndKeptOnceEach() {
        var releasedEarly = unregistered(PROJECT, "c-1", "conc", UnregistrationReason.RELEASED, NOW.minus(Duration.ofHours(3)));
        projection.on(releasedEarly);
        projection.on(unregistered(PROJECT, "c-2", "conc", UnregistrationReason.SEAT_LEASE_EXPIRED, NOW.minus(Duration.ofHours(1))));
        projection.on(unregistered(PROJECT, "d-1", "item-a", UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, NOW.minus(Duration.ofHours(2))));
        projection.on(unregistered(PROJECT, "c-1", "conc", UnregistrationReason.SEAT_LEASE_EXPIRED, NOW.minus(Duration.ofMinutes(30))));
        projection.on(unregistered(new ProjectId("other"), "x", "item-x", UnregistrationReason.ITEM_REVOKED, NOW));
        projection.on(releasedEarly);

        UnregisteredDevices firstPage = queries.handle(new FindUnregisteredDevices(PROJECT, new Paging(0, 3)));
        UnregisteredDevices secondPage = queries.handle(new FindUnregisteredDevices(PROJECT, new Paging(1, 3)));

        assertThat(firstPage.total()).isEqualTo(4);
        assertThat(firstPage.unregistrations()).extracting(Unregistration::deviceId, Unregistration::reason)
                .containsExactly(tuple("c-1", "SEAT_LEASE_EXPIRED"), tuple("c-2", "SEAT_LEASE_EXPIRED"),
                        tuple("d-1", "ACTIVITY_WINDOW_ELAPSED"));
        assertThat(secondPage.unregistrations()).containsExactly(
                new Unregistration("c-1", "conc", "RELEASED", NOW.minus(Duration.ofHours(3))));
    }

    @Test
    void theTypeFilterListsAndCountsOnlyDevicesOfThatType() {
        projection.on(authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, NOW.minus(DAY), NOW.plus(DAY)));
        projection.on(authorized(PROJECT, "c-1", "conc", LicenseType.CONCURRENT_DEVICE, true, NOW.minusSeconds(60), NOW.plusSeconds(120)));
        projection.on(authorized(PROJECT, "c-2", "conc", LicenseType.CONCURRENT_DEVICE, true, NOW.minusSeconds(30), NOW.plusSeconds(150)));
        projection.on(authorized(PROJECT, "u-1", "use", LicenseType.PER_USAGE, true, NOW.minus(DAY), NOW.plus(DAY)));
        projection.on(usage(PROJECT, "seen-only", "b-1", NOW.minusSeconds(10), NOW.plus(DAY), entry(NOW.minusSeconds(10), 1, null, null)));

        ActiveDevices concurrent = queries.handle(new FindActiveDevices(PROJECT, new Paging(0, 50),
                DeviceSort.parse("deviceId"), LicenseType.CONCURRENT_DEVICE));

        assertThat(concurrent.total()).isEqualTo(2);
        assertThat(concurrent.devices()).extracting(Device::deviceId).containsExactly("c-1", "c-2");
        assertThat(queries.handle(new FindActiveDevices(PROJECT, new Paging(0, 50), DeviceSort.parse("deviceId"),
                LicenseType.PER_USAGE)).devices()).extracting(Device::deviceId).containsExactly("u-1");
        assertThat(activeDevices(DeviceSort.parse("deviceId"), new Paging(0, 50)).total()).isEqualTo(5);
    }

    @Test
    void onlyTheThreeLicenseTypesAreAcceptedAsTypeFilter() {
        assertThat(FindActiveDevices.parseType(null)).isNull();
        assertThat(FindActiveDevices.parseType(" ")).isNull();
        assertThat(FindActiveDevices.parseType("concurrent_device")).isEqualTo(LicenseType.CONCURRENT_DEVICE);
        assertThatThrownBy(() -> FindActiveDevices.parseType("FLOATING")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("PER_DEVICE, CONCURRENT_DEVICE, PER_USAGE");
    }

    private ActiveDevices activeDevices(DeviceSort sort, Paging paging) {
        return queries.handle(new FindActiveDevices(PROJECT, paging, sort, null));
    }

    private List<String> ids(DeviceSort sort, Paging paging) {
        return activeDevices(sort, paging).devices().stream().map(Device::deviceId).toList();
    }

    @Override
    public void aBatchWritesWhatItsEventsWriteOneByOne(JdbcTemplate oneByOne, JdbcTemplate inOneBatch)
            throws Exception {
        Instant at = NOW.minus(Duration.ofDays(2));
        List<Object> events = List.of(
                authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, at, at.plus(Duration.ofDays(30))),
                usage(PROJECT, "d-2", "b-1", at, at.plus(Duration.ofDays(30)), entry(at, 1, null, "item-u")),
                authorized(PROJECT, "d-2", "item-a", LicenseType.PER_DEVICE, true, at.plusSeconds(1), NOW.plus(DAY)),
                unregistered(PROJECT, "d-1", "item-b", UnregistrationReason.RELEASED, at.plusSeconds(2)),
                unregistered(PROJECT, "d-1", "item-a", UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, at.plusSeconds(3)),
                unregistered(PROJECT, "d-1", "item-a", UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, at.plusSeconds(3)),
                new DeviceAuthorized(PROJECT, new DeviceId("d-1"), null,
                        new AppId("app"), new ItemId("item-a"),
                        LicenseType.PER_DEVICE, true, false, at.plusSeconds(4), NOW.plus(DAY), NOW.plus(DAY)),
                unregistered(PROJECT, "d-3", null, UnregistrationReason.UNREGISTERED_BY_ADMIN, at.plusSeconds(5)));

        ProjectionBatches.assertSameRows(jdbc -> new DeviceProjection(new DeviceTable(jdbc)), oneByOne, inOneBatch,
                events, "qry_device", "qry_device_unregistration");
        DeviceQueries batched = new DeviceQueries(new DeviceTable(inOneBatch), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(batched.handle(new FindActiveDevices(PROJECT, new Paging(0, 50), DeviceSort.parse("deviceId"), null))
                .devices()).containsExactly(
                new Device("d-1", "name of d-1", "PER_DEVICE", "item-a", at.plusSeconds(4), at.plusSeconds(4),
                        NOW.plus(DAY), false),
                new Device("d-2", "name of d-2", "PER_DEVICE", "item-a", at, at.plusSeconds(1), NOW.plus(DAY), false));
        assertThat(batched.handle(new FindUnregisteredDevices(PROJECT, new Paging(0, 50))).total()).isEqualTo(3);
    }

    @Test
    void aBatchWhoseWritesFailLeavesEveryTableAsItWas() {
        JdbcTemplate jdbc = ReadModelDatabase.migrated();
        jdbc.execute("ALTER TABLE qry_device_unregistration ADD CONSTRAINT no_admin CHECK (reason <> 'UNREGISTERED_BY_ADMIN')");
        Instant at = NOW.minus(DAY);
        List<Object> events = List.of(
                authorized(PROJECT, "d-1", "item-a", LicenseType.PER_DEVICE, true, at, NOW.plus(DAY)),
                unregistered(PROJECT, "d-1", "item-a", UnregistrationReason.UNREGISTERED_BY_ADMIN, at.plusSeconds(1)));

        assertThatThrownBy(() -> ProjectionBatches.inOneBatch(new DeviceProjection(new DeviceTable(jdbc)), jdbc, events))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qry_device", Long.class)).isZero();
    }
}
