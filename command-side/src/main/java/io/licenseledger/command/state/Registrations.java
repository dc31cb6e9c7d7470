package io.licenseledger.command.state;

import io.licenseledger.events.DeviceId;
import io.vavr.Tuple2;
import io.vavr.control.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A project's registrations by device, immutable: a plain hash map as read from a snapshot, under a persistent map of
 * the changes since. A snapshot of 100,000 devices reads back as fast as a hash map builds (a persistent map of them
 * took three to six times as long), and a change costs a step in the map of changes (a hash trie). Once those reach
 * half the base, they are folded into a new base: a copy every n/2 changes, about a microsecond a change on average.
 */
public final class Registrations {

    private static final int MIN_CHANGES_BEFORE_FOLDING = 1_024;
    private static final Registrations EMPTY = new Registrations(Map.of(), io.vavr.collection.HashMap.empty());

    private final Map<DeviceId, Registration> base;
    /** A device's registration since the base, or empty where it ended. */
    private final io.vavr.collection.HashMap<DeviceId, Optional<Registration>> changes;

    private Registrations(Map<DeviceId, Registration> base,
                          io.vavr.collection.HashMap<DeviceId, Optional<Registration>> changes) {
        this.base = base;
        this.changes = changes;
    }

    public static Registrations empty() {
        return EMPTY;
    }

    /** Takes {@code registrations} over: the caller must not change it afterwards. */
    static Registrations of(HashMap<DeviceId, Registration> registrations) {
        return new Registrations(registrations, io.vavr.collection.HashMap.empty());
    }

    public Registration get(DeviceId deviceId) {
        Option<Optional<Registration>> changed = changes.get(deviceId);
        return changed.isDefined() ? changed.get().orElse(null) : base.get(deviceId);
    }

    public Registrations plus(DeviceId deviceId, Registration registration) {
        return changed(deviceId, Optional.of(registration));
    }

    public Registrations minus(DeviceId deviceId) {
        return get(deviceId) == null ? this : changed(deviceId, Optional.empty());
    }

    /** Every registration, in no particular order. */
    public Stream<Map.Entry<DeviceId, Registration>> stream() {
        Stream<Map.Entry<DeviceId, Registration>> unchanged = base.entrySet().stream()
                .filter(entry -> !changes.containsKey(entry.getKey()));
        Stream<Map.Entry<DeviceId, Registration>> changed = changes.toJavaStream()
                .filter(entry -> entry._2().isPresent())
                .map(entry -> Map.entry(entry._1(), entry._2().get()));
        return Stream.concat(unchanged, changed);
    }

    private Registrations changed(DeviceId deviceId, Optional<Registration> registration) {
        io.vavr.collection.HashMap<DeviceId, Optional<Registration>> newChanges = changes.put(deviceId, registration);
        if (newChanges.size() < Math.max(MIN_CHANGES_BEFORE_FOLDING, base.size() / 2)) {
            return new Registrations(base, newChanges);
        }
        HashMap<DeviceId, Registration> folded = new HashMap<>(base);
        for (Tuple2<DeviceId, Optional<Registration>> change : newChanges) {
            if (change._2().isPresent()) {
                folded.put(change._1(), change._2().get());
            } else {
                folded.remove(change._1());
            }
        }
        return of(folded);
    }
}
