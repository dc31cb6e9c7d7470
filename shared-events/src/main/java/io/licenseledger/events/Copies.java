package io.licenseledger.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Unmodifiable copies of an event's collections that take whatever a stored event holds: a missing collection reads
 * as empty and a null element stays, so that no event of the ledger ever fails to read back.
 */
public final class Copies {

    private Copies() {
    }

    public static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** In the order given, so that an event reads and writes back alike. */
    public static <T> Set<T> set(Set<T> set) {
        return set == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(set));
    }
}
