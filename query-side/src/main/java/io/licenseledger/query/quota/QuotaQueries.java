package io.licenseledger.query.quota;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.query.quota.ItemStatus.Term;
import io.licenseledger.query.quota.QuotaTables.Item;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

@Component
class QuotaQueries {

    private final QuotaTables tables;
    private final Clock clock;

    QuotaQueries(QuotaTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    @QueryHandler
    List<ItemStatus> handle(FindItems query) {
        Instant now = clock.instant();
        Map<String, Long> used = used(query.projectId(), now);
        return tables.items(query.projectId()).stream().map(item -> {
            long itemUsed = used.getOrDefault(item.itemId(), 0L);
            return new ItemStatus(item.itemId(), item.licenseId(), item.type().name(), item.quantity(),
                    item.validFrom(), item.validUntil(), term(item, now), daysToExpiry(item, now),
                    item.overage().toString(), item.renewalOf(), itemUsed, Math.max(0, item.quantity() - itemUsed));
        }).toList();
    }

    @QueryHandler
    List<TypeQuota> handle(FindQuota query) {
        Instant now = clock.instant();
        Map<String, Long> used = used(query.projectId(), now);
        List<Item> validNow = tables.items(query.projectId()).stream().filter(item -> item.isValidAt(now)).toList();
        List<TypeQuota> quotas = new ArrayList<>();
        for (LicenseType type : LicenseType.values()) {
            List<Item> items = validNow.stream().filter(item -> item.type() == type).toList();
            if (items.isEmpty()) {
                continue;
            }
            long quota = items.stream().mapToLong(Item::quantity).sum();
            long typeUsed = items.stream().mapToLong(item -> used.getOrDefault(item.itemId(), 0L)).sum();
            Long allowance = allowance(items);
            Instant expiresAt = items.stream().map(Item::validUntil).max(Comparator.naturalOrder()).orElseThrow();
            quotas.add(new TypeQuota(type.name(), quota, allowance, allowance == null, typeUsed,
                    Math.max(0, quota - typeUsed), expiresAt));
        }
        return quotas;
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
            total = Math.addExact(total, allowance);
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
