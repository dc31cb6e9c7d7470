package io.licenseledger.query;

import java.util.List;
import java.util.Locale;

/**
 * Where a rebuild writes the read models: into empty copies of their tables ({@link #PREFIX} + the table's name),
 * which hold nothing but what the rebuild itself wrote. So a row the rebuild never wrote need not be looked for, and a
 * row not found is inserted, not merged. Which rows were written is remembered in a Bloom filter of a fixed 8 MB (a
 * "maybe" is looked up; a "no" is certain), so that most of a history's new rows (hours of usage, batches, devices)
 * cost no lookup at all. Used by one rebuild thread at a time.
 */
public final class ShadowTables {

    /** Prefix of the shadow copy of a read-model table. */
    public static final String PREFIX = "rb_";

    private static final int BITS_LOG2 = 26;
    private static final long MASK = (1L << BITS_LOG2) - 1;
    private static final int HASHES = 4;

    private final long[] written = new long[1 << (BITS_LOG2 - 6)];

    /** The shadow of a read-model table. */
    public static String shadowOf(String table) {
        return PREFIX + table.toLowerCase(Locale.ROOT);
    }

    String name(String table) {
        return shadowOf(table);
    }

    /** Whether rows with these lookup values may have been written; false is certain. */
    boolean mayHold(String table, List<Object> lookupKey) {
        long hash = hash(table, lookupKey);
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(hash, i);
            if ((written[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    void wrote(String table, List<Object> lookupKey) {
        long hash = hash(table, lookupKey);
        for (int i = 0; i < HASHES; i++) {
            long bit = bit(hash, i);
            written[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    private static long hash(String table, List<Object> key) {
        long hash = table.hashCode();
        for (Object value : key) {
            hash = hash * 0x9E3779B97F4A7C15L + (value == null ? 0 : value.hashCode());
        }
        return mix(hash);
    }

    private static long bit(long hash, int i) {
        return mix(hash + i * 0xBF58476D1CE4E5B9L) & MASK;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
