package io.licenseledger.command.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.licenseledger.events.AppId;
import io.licenseledger.events.Counts;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.ItemDetached;
import io.licenseledger.events.project.ItemJoined;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectEvent;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.vavr.collection.HashSet;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project as its events left it: its settings, its attached items and their lifecycle, its devices' registrations,
 * its usage per item and the alerts it raised. Immutable: {@link #evolve} returns the state after one more event.
 * Registrations are {@link Registrations}, so that a fold costs the same with 100,000 devices as with one; the
 * other maps are small (a project's items) and copied when they change.
 * <p>
 * This record is what a project's snapshot stores, in the form of {@link StoredProjectState}.
 */
public record ProjectState(ProjectId projectId, LicenseStatus status, Set<AppId> allowedAppIds,
                           List<String> webhookUrls, List<String> emailAddresses, Map<ItemId, LicenseItem> items,
                           Map<ItemId, LicenseStatus> itemStatus, Registrations registrations,
                           Map<ItemId, Integer> devicesPerItem, Map<ItemId, Long> unitsPerItem,
                           io.vavr.collection.Set<String> raisedAlerts, long registrationsMade) {

    /** Items that end soonest serve first (rule L5); the item id breaks ties so decisions are repeatable. */
    public static final Comparator<LicenseItem> SOONEST_END_FIRST =
            Comparator.comparing(LicenseItem::validUntil).thenComparing(item -> item.itemId().value());

    /** Before its {@link ProjectCreated}: what the first event is folded into. */
    public static ProjectState initial() {
        return new ProjectState(null, null, Set.of(), List.of(), List.of(), Map.of(), Map.of(), Registrations.empty(),
                Map.of(), Map.of(), HashSet.empty(), 0);
    }

    public ProjectState evolve(ProjectEvent event) {
        if (event instanceof ProjectCreated created) {
            return new ProjectState(created.projectId(), LicenseStatus.ACTIVE, created.allowedAppIds(), webhookUrls,
                    emailAddresses, items, itemStatus, registrations, devicesPerItem, unitsPerItem, raisedAlerts,
                    registrationsMade);
        }
        if (event instanceof ItemJoined joined) {
            ItemId itemId = joined.item().itemId();
            return withItems(with(items, itemId, joined.item()), with(itemStatus, itemId, LicenseStatus.ACTIVE));
        }
        if (event instanceof ItemDetached detached) {
            return withItems(without(items, detached.itemId()), without(itemStatus, detached.itemId()));
        }
        if (event instanceof DeviceAuthorized authorized) {
            return authorized(authorized);
        }
        if (event instanceof DeviceUnregistered unregistered) {
            Registration ended = registrations.get(unregistered.deviceId());
            if (ended == null) {
                return this;
            }
            return withRegistrations(registrations.minus(unregistered.deviceId()),
                    counted(devicesPerItem, ended.itemId(), -1), registrationsMade);
        }
        if (event instanceof UsageRecorded recorded) {
            return usageRecorded(recorded);
        }
        if (event instanceof ProjectStatusChanged changed) {
            return new ProjectState(projectId, changed.status(), allowedAppIds, webhookUrls, emailAddresses, items,
                    itemStatus, registrations, devicesPerItem, unitsPerItem, raisedAlerts, registrationsMade);
        }
        if (event instanceof ItemStatusChanged changed) {
            return withItems(items, with(itemStatus, changed.itemId(), changed.status()));
        }
        if (event instanceof AllowedAppsChanged changed) {
            return new ProjectState(projectId, status, changed.allowedAppIds(), webhookUrls, emailAddresses, items,
                    itemStatus, registrations, devicesPerItem, unitsPerItem, raisedAlerts, registrationsMade);
        }
        if (event instanceof AlertRecipientsChanged changed) {
            return new ProjectState(projectId, status, allowedAppIds, changed.webhookUrls(), changed.emailAddresses(),
                    items, itemStatus, registrations, devicesPerItem, unitsPerItem, raisedAlerts, registrationsMade);
        }
        if (event instanceof AlertRaised raised) {
            return new ProjectState(projectId, status, allowedAppIds, webhookUrls, emailAddresses, items, itemStatus,
                    registrations, devicesPerItem, unitsPerItem, raisedAlerts.add(raised.alertId()),
                    registrationsMade);
        }
        return this;
    }

    private ProjectState authorized(DeviceAuthorized event) {
        Registration previous = registrations.get(event.deviceId());
        boolean sameItem = previous != null && previous.itemId().equals(event.itemId());
        Map<ItemId, Integer> counts = devicesPerItem;
        if (previous != null && !sameItem) {
            counts = counted(counts, previous.itemId(), -1);
        }
        if (!sameItem) {
            counts = counted(counts, event.itemId(), 1);
        }
        long order = sameItem ? previous.order() : registrationsMade;
        Registration registration = new Registration(event.itemId(), event.licenseType(), event.overage(),
                event.registeredUntil(), order);
        return withRegistrations(registrations.plus(event.deviceId(), registration), counts,
                sameItem ? registrationsMade : registrationsMade + 1);
    }

    private ProjectState usageRecorded(UsageRecorded event) {
        Map<ItemId, Long> units = new HashMap<>(unitsPerItem);
        for (UsageAllocation allocation : event.allocations()) {
            if (allocation.itemId() != null) {
                units.merge(allocation.itemId(), allocation.units(), Counts::add);
            }
        }
        Registrations refreshed = registrations;
        Registration registration = registrations.get(event.deviceId());
        if (registration != null && event.deviceActiveUntil() != null) {
            refreshed = registrations.plus(event.deviceId(), registration.until(event.deviceActiveUntil()));
        }
        return new ProjectState(projectId, status, allowedAppIds, webhookUrls, emailAddresses, items, itemStatus,
                refreshed, devicesPerItem, Collections.unmodifiableMap(units), raisedAlerts, registrationsMade);
    }

    private ProjectState withItems(Map<ItemId, LicenseItem> items, Map<ItemId, LicenseStatus> itemStatus) {
        return new ProjectState(projectId, status, allowedAppIds, webhookUrls, emailAddresses, items, itemStatus,
                registrations, devicesPerItem, unitsPerItem, raisedAlerts, registrationsMade);
    }

    private ProjectState withRegistrations(Registrations registrations,
                                           Map<ItemId, Integer> devicesPerItem, long registrationsMade) {
        return new ProjectState(projectId, status, allowedAppIds, webhookUrls, emailAddresses, items, itemStatus,
                registrations, devicesPerItem, unitsPerItem, raisedAlerts, registrationsMade);
    }

    /** A copy with one more entry, in insertion order (items are listed and chosen in the order they came). */
    private static <K, V> Map<K, V> with(Map<K, V> map, K key, V value) {
        Map<K, V> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return Collections.unmodifiableMap(copy);
    }

    private static <K, V> Map<K, V> without(Map<K, V> map, K key) {
        Map<K, V> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return Collections.unmodifiableMap(copy);
    }

    private static Map<ItemId, Integer> counted(Map<ItemId, Integer> counts, ItemId itemId, int change) {
        return with(counts, itemId, counts.getOrDefault(itemId, 0) + change);
    }

    // What the deciders ask of a project.

    public LicenseItem item(ItemId itemId) {
        return items.get(itemId);
    }

    public Registration registration(DeviceId deviceId) {
        return registrations.get(deviceId);
    }

    /** The event that ends a registered device's registration, for {@code reason}. */
    public DeviceUnregistered unregistration(DeviceId deviceId, UnregistrationReason reason, Instant at) {
        return new DeviceUnregistered(projectId, deviceId, registrations.get(deviceId).itemId(), reason, at);
    }

    public boolean isAppAllowed(AppId appId) {
        return allowedAppIds.isEmpty() || (appId != null && allowedAppIds.contains(appId));
    }

    public boolean hasRaised(String alertId) {
        return raisedAlerts.contains(alertId);
    }

    /** Devices registered on the item: the seats it has taken (or, for a usage item, the devices under lease). */
    public long seatsTakenOn(LicenseItem item) {
        return devicesPerItem.getOrDefault(item.itemId(), 0);
    }

    public long unitsUsedOn(ItemId itemId) {
        return unitsPerItem.getOrDefault(itemId, 0L);
    }

    /** The devices registered on an item, in the order they registered. */
    public List<DeviceId> devicesOn(ItemId itemId) {
        return registrations.stream()
                .filter(entry -> entry.getValue().itemId().equals(itemId))
                .sorted(Comparator.comparingLong(entry -> entry.getValue().order()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Items valid at {@code at} and neither suspended nor revoked, soonest-ending first. */
    public List<LicenseItem> servingItemsAt(Instant at) {
        return items.values().stream()
                .filter(item -> item.isValidAt(at) && itemStatus.get(item.itemId()) == LicenseStatus.ACTIVE)
                .sorted(SOONEST_END_FIRST)
                .toList();
    }

    public List<LicenseItem> servingItemsAt(Instant at, LicenseType type) {
        return servingItemsAt(at).stream().filter(item -> item.type() == type).toList();
    }

    /** Where usage stands on the usage items serving at {@code at}, with {@code unitsPerItem} counted. */
    public UsageStanding usageStandingAt(Instant at, Map<ItemId, Long> unitsPerItem) {
        return UsageStanding.of(servingItemsAt(at, LicenseType.PER_USAGE), unitsPerItem);
    }

    public UsageStanding usageStandingAt(Instant at) {
        return usageStandingAt(at, unitsPerItem);
    }

    @JsonValue
    StoredProjectState stored() {
        return StoredProjectState.of(this);
    }

    @JsonCreator
    static ProjectState restore(StoredProjectState stored) {
        return stored.restore();
    }
}
