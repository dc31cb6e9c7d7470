package io.licenseledger.query.quota;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.ItemDetached;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseRenewed;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.query.BatchedProjectionContract;
import io.licenseledger.query.ProjectionBatches;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.query.quota.ItemStatus.Term;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.licenseledger.events.licensing.LicenseType.CONCURRENT_DEVICE;
import static io.licenseledger.events.licensing.LicenseType.PER_DEVICE;
import static io.licenseledger.events.licensing.LicenseType.PER_USAGE;
import static io.licenseledger.query.TestEvents.attached;
import static io.licenseledger.query.TestEvents.authorized;
import static io.licenseledger.query.TestEvents.entry;
import static io.licenseledger.query.TestEvents.item;
import static io.licenseledger.query.TestEvents.renewal;
import static io.licenseledger.query.TestEvents.unregistered;
import static io.licenseledger.query.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class QuotaReadModelTest implements BatchedProjectionContract {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant ATTACHED_AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final ProjectId PROJECT = new ProjectId("scanner");

    private final QuotaTables tables = new QuotaTables(ReadModelDatabase.migrated());
    private final QuotaProjection projection = new QuotaProjection(tables);
    private final QuotaQueries queries = new QuotaQueries(tables, Clock.fixed(NOW, ZoneOffset.UTC));

    private final UsageRecorded firstBatch = usage(PROJECT, "u-1", "b-1", NOW, null,
            entry(at("2026-02-01T08:00:00Z"), 100, "scan", "use-a"),
            entry(at("2026-03-05T08:00:00Z"), 40, null, "use-b"),
            entry(at("2026-03-05T09:00:00Z"), 7, null, null));

    @BeforeEach
    void attachItems() {
        attach(item("dev-old", PER_DEVICE, 10, at("2025-03-01T00:00:00Z"), at("2026-03-01T00:00:00Z"), OveragePolicy.percent(10)));
        attach(item("dev-now", PER_DEVICE, 20, at("2026-03-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), OveragePolicy.percent(10)));
        attach(renewal(item("dev-next", PER_DEVICE, 20, at("2027-03-01T00:00:00Z"), at("2028-03-01T00:00:00Z"), OveragePolicy.percent(10)), "dev-now"));
        attach(item("conc", CONCURRENT_DEVICE, 3, at("2026-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), OveragePolicy.NONE));
        attach(item("use-a", PER_USAGE, 1000, at("2026-01-01T00:00:00Z"), at("2026-12-31T00:00:00Z"), OveragePolicy.percent(5)));
        attach(item("use-b", PER_USAGE, 500, at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), OveragePolicy.UNLIMITED));

        Instant lastMonth = at("2026-02-20T00:00:00Z");
        projection.on(authorized(PROJECT, "d-1", "dev-now", PER_DEVICE, true, NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(30))));
        projection.on(authorized(PROJECT, "d-2", "dev-now", PER_DEVICE, true, NOW.minusSeconds(1800), NOW.plus(Duration.ofDays(30))));
        projection.on(authorized(PROJECT, "d-1", "dev-now", PER_DEVICE, false, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(31))));
        projection.on(authorized(PROJECT, "d-3", "dev-old", PER_DEVICE, true, lastMonth, at("2026-03-01T00:00:00Z")));
        projection.on(authorized(PROJECT, "c-1", "conc", CONCURRENT_DEVICE, true, NOW.minusSeconds(60), NOW.plusSeconds(120)));
        projection.on(authorized(PROJECT, "c-2", "conc", CONCURRENT_DEVICE, true, NOW.minusSeconds(300), NOW.minusSeconds(60)));
        projection.on(firstBatch);
    }

    @Test
    void eachItemShowsItsTermStatusExpiryAndUse() {
        assertThat(queries.handle(new FindItems(PROJECT))).containsExactly(
                new ItemStatus("dev-old", "lic-1", "PER_DEVICE", 10, at("2025-03-01T00:00:00Z"), at("2026-03-01T00:00:00Z"),
                        Term.EXPIRED, "ACTIVE", null, null, 0, "PERCENT(10)", null, 0, 10),
                new ItemStatus("conc", "lic-1", "CONCURRENT_DEVICE", 3, at("2026-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z"),
                        Term.ACTIVE, "ACTIVE", null, null, 82, "NONE", null, 1, 2),
                new ItemStatus("use-a", "lic-1", "PER_USAGE", 1000, at("2026-01-01T00:00:00Z"), at("2026-12-31T00:00:00Z"),
                        Term.ACTIVE, "ACTIVE", null, null, 295, "PERCENT(5)", null, 100, 900),
                new ItemStatus("dev-now", "lic-1", "PER_DEVICE", 20, at("2026-03-01T00:00:00Z"), at("2027-03-01T00:00:00Z"),
                        Term.ACTIVE, "ACTIVE", null, null, 355, "PERCENT(10)", null, 2, 18),
                new ItemStatus("use-b", "lic-1", "PER_USAGE", 500, at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z"),
                        Term.ACTIVE, "ACTIVE", null, null, 21, "UNLIMITED", null, 40, 460),
                new ItemStatus("dev-next", "lic-1", "PER_DEVICE", 20, at("2027-03-01T00:00:00Z"), at("2028-03-01T00:00:00Z"),
                        Term.NOT_YET_VALID, "ACTIVE", null, null, 721, "PERCENT(10)", "dev-now", 0, 20));
    }

    @Test
    void quotaPerTypeCountsOnlyTheItemsValidNow() {
        assertThat(queries.handle(new FindQuota(PROJECT))).containsExactly(
                new TypeQuota("PER_DEVICE", 20, 2L, false, 2, 18, at("2027-03-01T00:00:00Z")),
                new TypeQuota("CONCURRENT_DEVICE", 3, 0L, false, 1, 2, at("2026-06-01T00:00:00Z")),
                new TypeQuota("PER_USAGE", 1500, null, true, 140, 1360, at("2026-12-31T00:00:00Z")));
    }

    @Test
    void remainingNeverGoesBelowZeroWhenUseIsPastQuota() {
        projection.on(usage(PROJECT, "u-1", "b-2", NOW, null, entry(NOW.minusSeconds(10), 2000, null, "use-a")));

        assertThat(queries.handle(new FindQuota(PROJECT))).filteredOn(q -> q.type().equals("PER_USAGE"))
                .extracting(TypeQuota::used, TypeQuota::remaining).containsExactly(tuple(2140L, 0L));
    }

    @Test
    void unitsUsedPastTheLongestCountSaturateInsteadOfFailingOrWrapping() {
        long half = Long.MAX_VALUE / 2 + 1;
        projection.on(usage(PROJECT, "u-1", "b-big-1", NOW, null, entry(NOW.minusSeconds(30), half, null, "use-a")));
        projection.on(usage(PROJECT, "u-2", "b-big-2", NOW, null, entry(NOW.minusSeconds(20), half, null, "use-a"),
                entry(NOW.minusSeconds(10), half, null, "use-b")));

        assertThat(queries.handle(new FindQuota(PROJECT))).filteredOn(q -> q.type().equals("PER_USAGE"))
                .extracting(TypeQuota::used, TypeQuota::remaining).containsExactly(tuple(Long.MAX_VALUE, 0L));
        assertThat(queries.handle(new FindItems(PROJECT))).filteredOn(item -> item.itemId().equals("use-a"))
                .extracting(ItemStatus::used, ItemStatus::remaining).containsExactly(tuple(Long.MAX_VALUE, 0L));
        assertThat(queries.handle(new FindTerms(PROJECT))).flatExtracting(RenewalChain::terms)
                .filteredOn(term -> term.itemId().equals("use-a"))
                .extracting(RenewalChain.ItemTerm::used).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void unitsUsedPastTheLongestCountSaturateOnPostgresqlToo() {
        QuotaTables onPostgres = new QuotaTables(ReadModelDatabase.migratedPostgres());
        QuotaProjection projecting = new QuotaProjection(onPostgres);
        projecting.on(attached(PROJECT, item("use-a", PER_USAGE, 1000, at("2026-01-01T00:00:00Z"),
                at("2026-12-31T00:00:00Z"), OveragePolicy.percent(5))), ATTACHED_AT);
        long half = Long.MAX_VALUE / 2 + 1;
        projecting.on(usage(PROJECT, "u-1", "b-big-1", NOW, null, entry(NOW.minusSeconds(30), half, null, "use-a")));
        projecting.on(usage(PROJECT, "u-2", "b-big-2", NOW, null, entry(NOW.minusSeconds(20), half, null, "use-a")));

        assertThat(new QuotaQueries(onPostgres, Clock.fixed(NOW, ZoneOffset.UTC)).handle(new FindQuota(PROJECT)))
                .extracting(TypeQuota::used, TypeQuota::remaining).containsExactly(tuple(Long.MAX_VALUE, 0L));
    }

    @Test
    void quotaOfItemsAtTheirBoundsSumsExactly() {
        QuotaTables bounded = new QuotaTables(ReadModelDatabase.migrated());
        QuotaProjection onBounded = new QuotaProjection(bounded);
        for (int i = 0; i < 3; i++) {
            onBounded.on(attached(PROJECT, item("max-" + i, PER_USAGE, LicenseItem.MAX_QUANTITY,
                    LicenseItem.EARLIEST_TIME, LicenseItem.LATEST_TIME, OveragePolicy.percent(100))), ATTACHED_AT);
        }

        assertThat(new QuotaQueries(bounded, Clock.fixed(NOW, ZoneOffset.UTC)).handle(new FindQuota(PROJECT)))
                .containsExactly(new TypeQuota("PER_USAGE", 3 * LicenseItem.MAX_QUANTITY,
                        3 * LicenseItem.MAX_QUANTITY, false, 0, 3 * LicenseItem.MAX_QUANTITY, LicenseItem.LATEST_TIME));
    }

    @Test
    void aRedeliveredUsageBatchOrAuthorizationIsNotCountedTwice() {
        List<ItemStatus> once = queries.handle(new FindItems(PROJECT));

        projection.on(firstBatch);
        projection.on(authorized(PROJECT, "d-2", "dev-now", PER_DEVICE, true, NOW.minusSeconds(1800), NOW.plus(Duration.ofDays(30))));

        assertThat(queries.handle(new FindItems(PROJECT))).isEqualTo(once);
    }

    @Test
    void aTypeWithNoItemValidNowHasNoQuotaRow() {
        QuotaTables empty = new QuotaTables(ReadModelDatabase.migrated());
        QuotaProjection onlyExpired = new QuotaProjection(empty);
        onlyExpired.on(attached(PROJECT, item("old", PER_DEVICE, 10, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"),
                OveragePolicy.NONE)), ATTACHED_AT);

        assertThat(new QuotaQueries(empty, Clock.fixed(NOW, ZoneOffset.UTC)).handle(new FindQuota(PROJECT))).isEmpty();
    }

    @Test
    void suspendedAndRevokedItemsShowTheirLifecycleAndDoNotCountInQuotaUntilReinstated() {
        projection.on(new ItemStatusChanged(PROJECT, new ItemId("dev-now"), LicenseStatus.SUSPENDED, "unpaid", NOW.minusSeconds(30)));
        projection.on(new ItemStatusChanged(PROJECT, new ItemId("use-b"), LicenseStatus.REVOKED, "refunded", NOW.minusSeconds(20)));

        assertThat(queries.handle(new FindItems(PROJECT))).filteredOn(item -> !item.lifecycle().equals("ACTIVE"))
                .extracting(ItemStatus::itemId, ItemStatus::status, ItemStatus::lifecycle, ItemStatus::lifecycleNote,
                        ItemStatus::lifecycleChangedAt)
                .containsExactly(tuple("dev-now", Term.ACTIVE, "SUSPENDED", "unpaid", NOW.minusSeconds(30)),
                        tuple("use-b", Term.ACTIVE, "REVOKED", "refunded", NOW.minusSeconds(20)));
        assertThat(queries.handle(new FindQuota(PROJECT))).containsExactly(
                new TypeQuota("CONCURRENT_DEVICE", 3, 0L, false, 1, 2, at("2026-06-01T00:00:00Z")),
                new TypeQuota("PER_USAGE", 1000, 50L, false, 100, 900, at("2026-12-31T00:00:00Z")));

        projection.on(new ItemStatusChanged(PROJECT, new ItemId("dev-now"), LicenseStatus.ACTIVE, "paid", NOW.minusSeconds(10)));

        assertThat(queries.handle(new FindQuota(PROJECT))).extracting(TypeQuota::type)
                .containsExactly("PER_DEVICE", "CONCURRENT_DEVICE", "PER_USAGE");
    }

    @Test
    void aDetachedItemLeavesTheItemsAndTheQuota() {
        projection.on(unregistered(PROJECT, "d-1", "dev-now", UnregistrationReason.ITEM_DETACHED, NOW.minusSeconds(5)));
        projection.on(unregistered(PROJECT, "d-2", "dev-now", UnregistrationReason.ITEM_DETACHED, NOW.minusSeconds(5)));
        projection.on(new ItemDetached(PROJECT, new ItemId("dev-now"), NOW.minusSeconds(5)));

        assertThat(queries.handle(new FindItems(PROJECT))).extracting(ItemStatus::itemId)
                .containsExactlyInAnyOrder("dev-old", "conc", "use-a", "use-b", "dev-next");
        assertThat(queries.handle(new FindQuota(PROJECT))).extracting(TypeQuota::type)
                .containsExactly("CONCURRENT_DEVICE", "PER_USAGE");
    }

    @Test
    void aRenewalIsListedWithTheItemItRenews() {
        LicenseItem renewal = renewal(item("use-next", PER_USAGE, 800, at("2026-12-31T00:00:00Z"),
                at("2027-12-31T00:00:00Z"), OveragePolicy.NONE), "use-a");
        projection.on(new LicenseRenewed(PROJECT, new LicenseId("lic-2"), renewal, new ItemId("use-a")), NOW);

        assertThat(queries.handle(new FindItems(PROJECT))).filteredOn(item -> item.itemId().equals("use-next"))
                .extracting(ItemStatus::licenseId, ItemStatus::renewalOf, ItemStatus::status)
                .containsExactly(tuple("lic-2", "use-a", Term.NOT_YET_VALID));
    }

    @Test
    void anUnregisteredDeviceFreesItsSeatAtOnce() {
        projection.on(unregistered(PROJECT, "c-1", "conc", UnregistrationReason.RELEASED, NOW.minusSeconds(5)));
        projection.on(unregistered(PROJECT, "d-1", "dev-now", UnregistrationReason.UNREGISTERED_BY_ADMIN, NOW.minusSeconds(5)));

        assertThat(queries.handle(new FindQuota(PROJECT))).extracting(TypeQuota::type, TypeQuota::used)
                .containsExactly(tuple("PER_DEVICE", 1L), tuple("CONCURRENT_DEVICE", 0L), tuple("PER_USAGE", 140L));
    }

    @Test
    void aDeviceThatRegistersAgainAfterItsUnregistrationTakesOneSeat() {
        projection.on(unregistered(PROJECT, "c-1", "conc", UnregistrationReason.SEAT_LEASE_EXPIRED, NOW.minusSeconds(5)));
        projection.on(authorized(PROJECT, "c-1", "conc", CONCURRENT_DEVICE, true, NOW.minusSeconds(1), NOW.plusSeconds(179)));

        assertThat(queries.handle(new FindItems(PROJECT))).filteredOn(item -> item.itemId().equals("conc"))
                .extracting(ItemStatus::used).containsExactly(1L);
    }

    @Test
    void aDeviceMovedToAnotherItemHoldsOneSeatAndAnUnregistrationFromTheOldItemLeavesTheNewSeat() {
        projection.on(authorized(PROJECT, "d-3", "dev-now", PER_DEVICE, true, NOW.minusSeconds(10), NOW.plus(Duration.ofDays(30))));
        projection.on(unregistered(PROJECT, "d-3", "dev-old", UnregistrationReason.ITEM_ENDED, NOW.minusSeconds(5)));

        assertThat(queries.handle(new FindItems(PROJECT))).filteredOn(item -> item.itemId().startsWith("dev-"))
                .extracting(ItemStatus::itemId, ItemStatus::used)
                .containsExactly(tuple("dev-old", 0L), tuple("dev-now", 3L), tuple("dev-next", 0L));
    }

    private void attach(LicenseItem item) {
        projection.on(attached(PROJECT, item), ATTACHED_AT);
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Override
    public void aBatchWritesWhatItsEventsWriteOneByOne(JdbcTemplate oneByOne, JdbcTemplate inOneBatch)
            throws Exception {
        Instant at = NOW.minus(Duration.ofDays(2));
        List<Object> events = List.of(
                attached(PROJECT, item("item-a", PER_DEVICE, 5, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(1)), OveragePolicy.NONE)),
                attached(PROJECT, item("item-b", PER_DEVICE, 5, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(1)), OveragePolicy.NONE)),
                attached(PROJECT, item("item-u", PER_USAGE, 100, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(1)), OveragePolicy.NONE)),
                authorized(PROJECT, "d-1", "item-a", PER_DEVICE, true, at, NOW.plus(Duration.ofDays(1))),
                authorized(PROJECT, "d-1", "item-b", PER_DEVICE, true, at.plusSeconds(1), NOW.plus(Duration.ofDays(1))),
                usage(PROJECT, "d-1", "b-1", at.plusSeconds(2), NOW.plus(Duration.ofHours(2)),
                        entry(at, 3, null, "item-u"), entry(at, 4, null, "item-u")),
                usage(PROJECT, "d-1", "b-1", at.plusSeconds(2), NOW.plus(Duration.ofHours(2)),
                        entry(at, 3, null, "item-u"), entry(at, 4, null, "item-u")),
                new ItemStatusChanged(PROJECT, new ItemId("item-a"), LicenseStatus.SUSPENDED, "audit", at.plusSeconds(3)),
                unregistered(PROJECT, "d-1", null, UnregistrationReason.UNREGISTERED_BY_ADMIN, at.plusSeconds(4)),
                authorized(PROJECT, "d-1", "item-b", PER_DEVICE, true, at.plusSeconds(5), NOW.plus(Duration.ofDays(1))));

        ProjectionBatches.assertSameRows(jdbc -> new QuotaProjection(new QuotaTables(jdbc)), oneByOne, inOneBatch,
                events, "qry_item", "qry_item_seat", "qry_item_units");
        assertThat(inOneBatch.queryForList("SELECT item_id FROM qry_item_seat WHERE freed_at IS NULL", String.class))
                .containsExactly("item-b");
        assertThat(inOneBatch.queryForObject("SELECT SUM(units) FROM qry_item_units", Long.class)).isEqualTo(7);
    }
}
