package io.licenseledger.query.quota;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.query.quota.ItemStatus.Term;
import io.licenseledger.query.quota.RenewalChain.ItemTerm;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

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

/** Quota is per term and never rolled over (SPEC section 2, rule L4): each term of a renewal chain shows its own use. */
class TermsReadModelTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final ProjectId PROJECT = new ProjectId("scanner");

    private final QuotaTables tables = new QuotaTables(ReadModelDatabase.migrated());
    private final QuotaProjection projection = new QuotaProjection(tables);
    private final QuotaQueries queries = new QuotaQueries(tables, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachUsageTermKeepsItsOwnUnitsAndWhatWasNotUsedIsNotCarriedOver() {
        attach(item("u-1", PER_USAGE, 1000, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), OveragePolicy.NONE));
        attach(renewal(item("u-2", PER_USAGE, 1000, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), OveragePolicy.NONE), "u-1"));
        attach(renewal(item("u-3", PER_USAGE, 1000, at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z"), OveragePolicy.NONE), "u-2"));
        projection.on(usage(PROJECT, "d-1", "b-1", at("2025-12-31T00:00:00Z"), null,
                entry(at("2025-06-01T00:00:00Z"), 700, null, "u-1")));
        projection.on(usage(PROJECT, "d-1", "b-2", NOW, null, entry(NOW.minusSeconds(60), 250, null, "u-2")));
        projection.on(new ItemStatusChanged(PROJECT, new ItemId("u-3"), LicenseStatus.SUSPENDED, "on hold", NOW));

        assertThat(queries.handle(new FindTerms(PROJECT))).containsExactly(new RenewalChain("u-1", "u-2", List.of(
                new ItemTerm("u-1", "PER_USAGE", 1000, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"),
                        Term.EXPIRED, "ACTIVE", 700, 300),
                new ItemTerm("u-2", "PER_USAGE", 1000, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"),
                        Term.ACTIVE, "ACTIVE", 250, 750),
                new ItemTerm("u-3", "PER_USAGE", 1000, at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z"),
                        Term.NOT_YET_VALID, "SUSPENDED", 0, 1000))));
    }

    @Test
    void anEndedSeatTermShowsTheSeatsHeldAtItsEndAndTheCurrentTermItsLiveSeats() {
        attach(item("s-1", PER_DEVICE, 5, at("2025-03-01T00:00:00Z"), at("2026-03-01T00:00:00Z"), OveragePolicy.NONE));
        attach(renewal(item("s-2", PER_DEVICE, 5, at("2026-03-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), OveragePolicy.NONE), "s-1"));
        Instant end = at("2026-03-01T00:00:00Z");
        // held to the end, then moved to the renewal
        projection.on(authorized(PROJECT, "a", "s-1", PER_DEVICE, true, at("2026-02-20T00:00:00Z"), end));
        projection.on(authorized(PROJECT, "a", "s-2", PER_DEVICE, true, at("2026-03-02T00:00:00Z"), at("2026-04-01T00:00:00Z")));
        // held to the end, unregistered when the item ended
        projection.on(authorized(PROJECT, "b", "s-1", PER_DEVICE, true, at("2026-02-21T00:00:00Z"), end));
        projection.on(unregistered(PROJECT, "b", "s-1", UnregistrationReason.ITEM_ENDED, end.plusSeconds(5)));
        // lapsed before the end
        projection.on(authorized(PROJECT, "c", "s-1", PER_DEVICE, true, at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z")));
        // unregistered by an admin before the end
        projection.on(authorized(PROJECT, "d", "s-1", PER_DEVICE, true, at("2026-02-10T00:00:00Z"), end));
        projection.on(unregistered(PROJECT, "d", "s-1", UnregistrationReason.UNREGISTERED_BY_ADMIN, at("2026-02-15T00:00:00Z")));

        assertThat(queries.handle(new FindTerms(PROJECT))).containsExactly(new RenewalChain("s-1", "s-2", List.of(
                new ItemTerm("s-1", "PER_DEVICE", 5, at("2025-03-01T00:00:00Z"), end, Term.EXPIRED, "ACTIVE", 2, 3),
                new ItemTerm("s-2", "PER_DEVICE", 5, end, at("2027-03-01T00:00:00Z"), Term.ACTIVE, "ACTIVE", 1, 4))));
    }

    @Test
    void itemsNotLinkedByRenewalAreSeparateChainsInTheOrderOfTheirFirstTerms() {
        attach(item("later", PER_DEVICE, 5, at("2026-02-01T00:00:00Z"), at("2027-02-01T00:00:00Z"), OveragePolicy.NONE));
        attach(renewal(item("orphan", PER_USAGE, 10, at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"), OveragePolicy.NONE), "elsewhere"));
        attach(item("old", PER_USAGE, 10, at("2024-01-01T00:00:00Z"), at("2025-01-01T00:00:00Z"), OveragePolicy.NONE));

        assertThat(queries.handle(new FindTerms(PROJECT)))
                .extracting(RenewalChain::chainId, RenewalChain::currentItemId, chain -> chain.terms().size())
                .containsExactly(
                        tuple("old", null, 1),
                        tuple("orphan", null, 1),
                        tuple("later", "later", 1));
    }

    @Test
    void whenRenewalsOverlapTheTermThatEndsSoonestIsCurrentAndBranchesStayInOneChain() {
        attach(item("o-1", PER_USAGE, 100, at("2026-01-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), OveragePolicy.NONE));
        attach(renewal(item("o-2", PER_USAGE, 100, at("2026-03-01T00:00:00Z"), at("2027-03-01T00:00:00Z"), OveragePolicy.NONE), "o-1"));
        attach(renewal(item("o-3", PER_USAGE, 50, at("2026-03-05T00:00:00Z"), at("2026-12-01T00:00:00Z"), OveragePolicy.NONE), "o-1"));

        assertThat(queries.handle(new FindTerms(PROJECT))).singleElement().satisfies(chain -> {
            assertThat(chain.chainId()).isEqualTo("o-1");
            assertThat(chain.currentItemId()).isEqualTo("o-1");
            assertThat(chain.terms()).extracting(ItemTerm::itemId).containsExactly("o-1", "o-2", "o-3");
        });
    }

    private void attach(LicenseItem item) {
        projection.on(attached(PROJECT, item), at("2024-01-01T00:00:00Z"));
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }
}
