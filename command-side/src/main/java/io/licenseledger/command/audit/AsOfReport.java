package io.licenseledger.command.audit;

import io.licenseledger.command.state.ProjectState;
import io.licenseledger.command.state.Registration;
import io.licenseledger.events.Counts;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.LicenseStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an auditor asks of a project at a past instant, worded as the query side's read models word it now: its
 * status, its items with their term and use, its quota per type over the items serving then, and the devices
 * registered then (a registration counts while its {@code registeredUntil} is after {@code at}), paged by device id.
 */
record AsOfReport(String projectId, Instant at, long lastSequence, Instant lastEventAt, Long snapshotSequence,
                  String status, Instant soonestExpiry, List<ItemAsOf> items, List<TypeQuota> quota,
                  Devices devices) {

    /**
     * {@code term} is where the item's term stood at {@code at}; {@code lifecycle} what an admin had made of it;
     * {@code used} the devices registered on it then (device types) or the units counted against it (PER_USAGE).
     */
    record ItemAsOf(String itemId, String type, long quantity, Instant validFrom, Instant validUntil, String term,
                    String lifecycle, String overage, String renewalOf, long used, long remaining) {
    }

    /** Over the items valid at {@code at} and neither suspended nor revoked; {@code allowance} null when unlimited. */
    record TypeQuota(String type, long quota, Long allowance, boolean unlimited, long used, long remaining,
                     Instant expiresAt) {
    }

    record Devices(long total, Map<String, Long> perType, Map<String, Long> perItem, int page, int size,
                   List<Device> registered) {
    }

    record Device(String deviceId, String itemId, String licenseType, Instant registeredUntil, boolean overage) {
    }

    static AsOfReport of(AsOf asOf, int page, int size) {
        Instant at = asOf.at();
        ProjectState state = asOf.state();
        List<Map.Entry<DeviceId, Registration>> live = state.registrations().stream()
                .filter(entry -> entry.getValue().isLiveAt(at))
                .sorted(Comparator.comparing(entry -> entry.getKey().value()))
                .toList();
        Map<String, Long> perItem = new TreeMap<>();
        Map<String, Long> perType = new TreeMap<>();
        for (Map.Entry<DeviceId, Registration> entry : live) {
            perItem.merge(entry.getValue().itemId().value(), 1L, Long::sum);
            perType.merge(entry.getValue().type().name(), 1L, Long::sum);
        }
        List<LicenseItem> items = state.items().values().stream()
                .sorted(Comparator.comparing(LicenseItem::validFrom).thenComparing(item -> item.itemId().value()))
                .toList();
        List<ItemAsOf> itemsAsOf = items.stream().map(item -> {
            long used = used(state, perItem, item);
            return new ItemAsOf(item.itemId().value(), item.type().name(), item.quantity(), item.validFrom(),
                    item.validUntil(), term(item, at), state.itemStatus().get(item.itemId()).name(),
                    item.overage().toString(), item.renewalOf() == null ? null : item.renewalOf().value(), used,
                    Counts.remaining(item.quantity(), used));
        }).toList();
        List<LicenseItem> serving = items.stream()
                .filter(item -> item.isValidAt(at) && state.itemStatus().get(item.itemId()) == LicenseStatus.ACTIVE)
                .toList();
        Instant soonestExpiry = serving.stream().map(LicenseItem::validUntil).min(Comparator.naturalOrder())
                .orElse(null);
        List<Device> registered = live.stream().skip((long) page * size).limit(size)
                .map(entry -> new Device(entry.getKey().value(), entry.getValue().itemId().value(),
                        entry.getValue().type().name(), entry.getValue().registeredUntil(),
                        entry.getValue().overage()))
                .toList();
        return new AsOfReport(state.projectId().value(), at, asOf.lastSequence(), asOf.lastEventAt(),
                asOf.snapshotSequence(), state.status().name(), soonestExpiry, itemsAsOf,
                quota(state, perItem, serving), new Devices(live.size(), perType, perItem, page, size, registered));
    }

    private static List<TypeQuota> quota(ProjectState state, Map<String, Long> perItem, List<LicenseItem> serving) {
        List<TypeQuota> quotas = new ArrayList<>();
        for (LicenseType type : LicenseType.values()) {
            List<LicenseItem> ofType = serving.stream().filter(item -> item.type() == type).toList();
            if (ofType.isEmpty()) {
                continue;
            }
            long quota = 0;
            long used = 0;
            long allowance = 0;
            for (LicenseItem item : ofType) {
                quota = Counts.add(quota, item.quantity());
                used = Counts.add(used, used(state, perItem, item));
                allowance = Counts.add(allowance, item.overage().allowanceOver(item.quantity()));
            }
            boolean unlimited = allowance == Long.MAX_VALUE;
            Instant expiresAt = ofType.stream().map(LicenseItem::validUntil).max(Comparator.naturalOrder())
                    .orElseThrow();
            quotas.add(new TypeQuota(type.name(), quota, unlimited ? null : allowance, unlimited, used,
                    Counts.remaining(quota, used), expiresAt));
        }
        return quotas;
    }

    private static long used(ProjectState state, Map<String, Long> perItem, LicenseItem item) {
        return item.type() == LicenseType.PER_USAGE ? state.unitsUsedOn(item.itemId())
                : perItem.getOrDefault(item.itemId().value(), 0L);
    }

    private static String term(LicenseItem item, Instant at) {
        if (at.isBefore(item.validFrom())) {
            return "NOT_YET_VALID";
        }
        return at.isBefore(item.validUntil()) ? "ACTIVE" : "EXPIRED";
    }
}
