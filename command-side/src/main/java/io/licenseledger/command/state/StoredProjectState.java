package io.licenseledger.command.state;

import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.LicenseStatus;
import io.vavr.collection.HashSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ProjectState} as its snapshot holds it (revision 2 of the project's snapshots). Registrations are written
 * column by column per item, in the order they registered: a project may hold 100,000 of them, and arrays of strings
 * and numbers are what reads back fastest after a restart.
 */
record StoredProjectState(ProjectId projectId, LicenseStatus status, Set<AppId> allowedAppIds,
                          List<String> webhookUrls, List<String> emailAddresses, Map<ItemId, LicenseItem> items,
                          Map<ItemId, LicenseStatus> itemStatus, Map<ItemId, Long> unitsPerItem,
                          Set<String> raisedAlerts, List<RegisteredDevices> devices) {

    /** A field the snapshot lacks is empty, as in a project just created. */
    StoredProjectState {
        allowedAppIds = allowedAppIds == null ? Set.of() : allowedAppIds;
        webhookUrls = webhookUrls == null ? List.of() : webhookUrls;
        emailAddresses = emailAddresses == null ? List.of() : emailAddresses;
        items = items == null ? Map.of() : items;
        itemStatus = itemStatus == null ? Map.of() : itemStatus;
        unitsPerItem = unitsPerItem == null ? Map.of() : unitsPerItem;
        raisedAlerts = raisedAlerts == null ? Set.of() : raisedAlerts;
        devices = devices == null ? List.of() : devices;
    }

    /** The registrations of one item of one type. */
    record RegisteredDevices(ItemId itemId, LicenseType type, String[] deviceIds, long[] untilSeconds,
                             int[] untilNanos, int[] overageIndexes) {
    }

    static StoredProjectState of(ProjectState state) {
        Map<ItemId, List<Map.Entry<DeviceId, Registration>>> byItem = new LinkedHashMap<>();
        state.registrations().stream()
                .sorted(Comparator.comparingLong(entry -> entry.getValue().order()))
                .forEach(entry -> byItem.computeIfAbsent(entry.getValue().itemId(), id -> new ArrayList<>()).add(entry));
        List<RegisteredDevices> devices = new ArrayList<>();
        byItem.forEach((itemId, registrations) -> devices.add(columnsOf(itemId, registrations)));
        return new StoredProjectState(state.projectId(), state.status(), state.allowedAppIds(), state.webhookUrls(),
                state.emailAddresses(), state.items(), state.itemStatus(), state.unitsPerItem(), state.raisedAlerts().toJavaSet(),
                devices);
    }

    private static RegisteredDevices columnsOf(ItemId itemId, List<Map.Entry<DeviceId, Registration>> registrations) {
        int count = registrations.size();
        String[] ids = new String[count];
        long[] untilSeconds = new long[count];
        int[] untilNanos = new int[count];
        List<Integer> overage = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Registration registration = registrations.get(i).getValue();
            ids[i] = registrations.get(i).getKey().value();
            untilSeconds[i] = registration.registeredUntil().getEpochSecond();
            untilNanos[i] = registration.registeredUntil().getNano();
            if (registration.overage()) {
                overage.add(i);
            }
        }
        return new RegisteredDevices(itemId, registrations.get(0).getValue().type(), ids, untilSeconds, untilNanos,
                overage.stream().mapToInt(Integer::intValue).toArray());
    }

    ProjectState restore() {
        HashMap<DeviceId, Registration> registrations = new HashMap<>();
        Map<ItemId, Integer> devicesPerItem = new LinkedHashMap<>();
        long order = 0;
        for (RegisteredDevices item : devices) {
            boolean[] overage = new boolean[item.deviceIds().length];
            for (int index : item.overageIndexes()) {
                overage[index] = true;
            }
            for (int i = 0; i < item.deviceIds().length; i++) {
                registrations.put(new DeviceId(item.deviceIds()[i]), new Registration(item.itemId(), item.type(),
                        overage[i], Instant.ofEpochSecond(item.untilSeconds()[i], item.untilNanos()[i]), order++));
            }
            devicesPerItem.merge(item.itemId(), item.deviceIds().length, Integer::sum);
        }
        return new ProjectState(projectId, status, allowedAppIds, webhookUrls, emailAddresses,
                Collections.unmodifiableMap(new LinkedHashMap<>(items)),
                Collections.unmodifiableMap(new LinkedHashMap<>(itemStatus)), Registrations.of(registrations),
                Collections.unmodifiableMap(devicesPerItem), Collections.unmodifiableMap(new HashMap<>(unitsPerItem)),
                HashSet.ofAll(raisedAlerts), order);
    }
}
