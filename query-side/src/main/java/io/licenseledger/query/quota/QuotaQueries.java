package io.licenseledger.query.quota;

import io.licenseledger.events.Counts;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.query.quota.ItemStatus.Term;
import io.licenseledger.query.quota.QuotaTables.Item;
import io.licenseledger.query.quota.RenewalChain.ItemTerm;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Component
record QuotaQueries(QuotaTables tables, Clock clock) {

    /** Items that end soonest serve first (rule L5); the item id breaks ties. */
    private static final Comparator<Item> SOONEST_END_FIRST =
            Comparator.comparing(Item::validUntil).thenComparing(Item::itemId);

    @QueryHandler
    List<ItemStatus> handle(FindItems query) {
        Instant now = clock.instant();
        Map<String, Long> used = used(query.projectId(), now);
        return tables.items(query.projectId()).stream().map(item -> {
            long itemUsed = used.getOrDefault(item.itemId(), 0L);
            return new ItemStatus(item.itemId(), item.licenseId(), item.type().name(), item.quantity(),
                    item.validFrom(), item.validUntil(), term(item, now), item.lifecycle().name(),
                    item.lifecycleNote(), item.lifecycleChangedAt(), daysToExpiry(item, now),
                    item.overage().toString(), item.renewalOf(), itemUsed, Counts.remaining(item.quantity(), itemUsed));
        }).toList();
    }

    @QueryHandler
    List<TypeQuota> handle(FindQuota query) {
        Instant now = clock.instant();
        Map<String, Long> used = used(query.projectId(), now);
        List<Item> counting = tables.items(query.projectId()).stream()
                .filter(item -> item.isValidAt(now) && item.counts()).toList();
        List<TypeQuota> quotas = new ArrayList<>();
        for (LicenseType type : LicenseType.values()) {
            List<Item> items = counting.stream().filter(item -> item.type() == type).toList();
            if (items.isEmpty()) {
                continue;
            }
            long quota = items.stream().mapToLong(Item::quantity).reduce(0, Counts::add);
            long typeUsed = items.stream().mapToLong(item -> used.getOrDefault(item.itemId(), 0L))
                    .reduce(0, Counts::add);
            Long allowance = allowance(items);
            Instant expiresAt = items.stream().map(Item::validUntil).max(Comparator.naturalOrder()).orElseThrow();
            quotas.add(new TypeQuota(type.name(), quota, allowance, allowance == null, typeUsed,
                    Counts.remaining(quota, typeUsed), expiresAt));
        }
        return quotas;
    }

    @QueryHandler
    List<RenewalChain> handle(FindTerms query) {
        Instant now = clock.instant();
        Map<String, Long> live = tables.liveSeats(query.projectId(), now);
        Map<String, Long> heldAtEnd = tables.seatsHeldAtEnd(query.projectId());
        Map<String, Long> units = tables.unitsUsed(query.projectId());
        List<RenewalChain> chains = new ArrayList<>();
        for (List<Item> chain : renewalChains(tables.items(query.projectId()))) {
            List<ItemTerm> terms = chain.stream().map(item -> {
                Map<String, Long> source = item.type() == LicenseType.PER_USAGE ? units
                        : now.isBefore(item.validUntil()) ? live : heldAtEnd;
                long used = source.getOrDefault(item.itemId(), 0L);
                return new ItemTerm(item.itemId(), item.type().name(), item.quantity(), item.validFrom(),
                        item.validUntil(), term(item, now), item.lifecycle().name(), used,
                        Counts.remaining(item.quantity(), used));
            }).toList();
            String current = chain.stream().filter(item -> item.isValidAt(now)).min(SOONEST_END_FIRST)
                    .map(Item::itemId).orElse(null);
            chains.add(new RenewalChain(chain.get(0).itemId(), current, terms));
        }
        return chains;
    }

    /**
     * Groups items joined by {@code renewalOf} links, whichever way they branch. {@code items} come oldest first, so
     * each group keeps that order and the groups come in the order of their first items.
     */
    private static List<List<Item>> renewalChains(List<Item> items) {
        Map<String, String> parent = new HashMap<>();
        items.forEach(item -> parent.put(item.itemId(), item.itemId()));
        for (Item item : items) {
            if (item.renewalOf() != null && parent.containsKey(item.renewalOf())) {
                parent.put(root(parent, item.itemId()), root(parent, item.renewalOf()));
            }
        }
        Map<String, List<Item>> chains = new LinkedHashMap<>();
        items.forEach(item -> chains.computeIfAbsent(root(parent, item.itemId()), root -> new ArrayList<>()).add(item));
        return List.copyOf(chains.values());
    }

    private static String root(Map<String, String> parent, String itemId) {
        String root = itemId;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        return root;
    }

    /** Live seats on the device items, units counted on the usage items; keyed by item. */
    private Map<String, Long> used(ProjectId projectId, Instant now) {
        Map<String, Long> used = tables.liveSeats(projectId, now);
        used.putAll(tables.unitsUsed(projectId));
        return used;
    }

    /** The summed overage allowance, or null when any item's overage is unlimited. */
    private static Long allowance(List<Item> items) {
        long total = 0;
        for (Item item : items) {
            long allowance = item.overage().allowanceOver(item.quantity());
            if (allowance == Long.MAX_VALUE) {
                return null;
            }
            total = Counts.add(total, allowance);
        }
        return total;
    }

    private static Term term(Item item, Instant now) {
        if (now.isBefore(item.validFrom())) {
            return Term.NOT_YET_VALID;
        }
        return now.isBefore(item.validUntil()) ? Term.ACTIVE : Term.EXPIRED;
    }

    private static long daysToExpiry(Item item, Instant now) {
        return now.isBefore(item.validUntil()) ? Duration.between(now, item.validUntil()).toDays() : 0;
    }
}
