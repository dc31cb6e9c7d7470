package io.licenseledger.command.state;

import io.licenseledger.events.DeviceId;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A project's registrations by device, immutable: a plain hash map as read from a snapshot, under a persistent map of
 * the changes since. A snapshot of 100,000 devices reads back as fast as a hash map builds (a persistent map of them
 * took three to six times as long), and a change costs a step in the small map of changes. Once those reach a quarter
 * of the base, they are folded into a new base: a copy every n/4 changes, a few microseconds a change on average.
 */
public final class Registrations {

    private static final int MIN_CHANGES_BEFORE_FOLDING = 1_024;
    private static final Registrations EMPTY = new Registrations(Map.of(), HashTreePMap.empty(), 0);

    private final Map<DeviceId, Registration> base;
    /** A device's registration since the base, or empty where it ended. */
    private final PMap<DeviceId, Optional<Registration>> changes;
    private final int size;

    private Registrations(Map<DeviceId, Registration> base, PMap<DeviceId, Optional<Registration>> changes, int size) {
        this.base = base;
        this.changes = changes;
        this.size = size;
    }

    public static Registrations empty() {
        return EMPTY;
    }

    /** Takes {@code registrations} over: the caller must not change it afterwards. */
    static Registrations of(HashMap<DeviceId, Registration> registrations) {
        return new Registrations(registrations, HashTreePMap.empty(), registrations.size());
    }

    public Registration get(DeviceId deviceId) {
        Optional<Registration> changed = changes.get(deviceId);
        return changed != null ? changed.orElse(null) : base.get(deviceId);
    }

    public int size() {
        return size;
    }

    public Registrations plus(DeviceId deviceId, Registration registration) {
        return changed(deviceId, Optional.of(registration), get(deviceId) == null ? size + 1 : size);
    }

    public Registrations minus(DeviceId deviceId) {
        return get(deviceId) == null ? this : changed(deviceId, Optional.empty(), size - 1);
    }

    /** Every registration, in no particular order. */
    public Stream<Map.Entry<DeviceId, Registration>> stream() {
        Stream<Map.Entry<DeviceId, Registration>> unchanged = base.entrySet().stream()
                .filter(entry -> !changes.containsKey(entry.getKey()));
        Stream<Map.Entry<DeviceId, Registration>> changed = changes.entrySet().stream()
                .filter(entry -> entry.getValue().isPresent())
                .map(entry -> Map.entry(entry.getKey(), entry.getValue().get()));
        return Stream.concat(unchanged, changed);
    }

    private Registrations changed(DeviceId deviceId, Optional<Registration> registration, int newSize) {
        PMap<DeviceId, Optional<Registration>> newChanges = changes.plus(deviceId, registration);
        if (newChanges.size() < Math.max(MIN_CHANGES_BEFORE_FOLDING, base.size() / 4)) {
            return new Registrations(base, newChanges, newSize);
        }
        HashMap<DeviceId, Registration> folded = new HashMap<>(base);
        newChanges.forEach((id, change) -> {
            if (change.isPresent()) {
                folded.put(id, change.get());
            } else {
                folded.remove(id);
            }
        });
        return of(folded);
    }
}
