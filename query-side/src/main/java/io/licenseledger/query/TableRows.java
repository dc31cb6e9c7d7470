package io.licenseledger.query;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.licenseledger.query.TableStatements.bind;
import static io.licenseledger.query.TableStatements.chunks;
import static io.licenseledger.query.TableStatements.read;

/**
 * The rows of one read-model table that a batch of events touches: read with one statement per chunk of keys (a
 * row-value IN list, which both H2 and PostgreSQL answer from the index), changed in memory in event order, and written
 * back with one multi-row upsert per chunk of changed rows. Times are held as {@link Instant}s to the microsecond, the
 * precision of the columns, so that a time read back equals the one the event carried.
 */
public final class TableRows {

    /** A column and its JDBC type, given to every parameter so that a null needs no round trip to learn its type. */
    public record Column(String name, int sqlType) {

        public static Column text(String name) {
            return new Column(name, Types.VARCHAR);
        }

        public static Column bigint(String name) {
            return new Column(name, Types.BIGINT);
        }

        public static Column integer(String name) {
            return new Column(name, Types.INTEGER);
        }

        public static Column bool(String name) {
            return new Column(name, Types.BOOLEAN);
        }

        public static Column time(String name) {
            return new Column(name, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /**
     * A read-model table as a projection's batches read and write it.
     *
     * @param keyColumns    the primary key
     * @param lookupColumns what the rows are read by: the key, or the leading columns of an index when a change
     *                      concerns every row that shares them
     */
    public record Table(String name, List<Column> columns, List<String> keyColumns, List<String> lookupColumns) {

        public Table {
            columns = List.copyOf(columns);
            keyColumns = List.copyOf(keyColumns);
            lookupColumns = List.copyOf(lookupColumns);
        }

        /** A table whose rows are read by their primary key. */
        public Table(String name, List<Column> columns, List<String> keyColumns) {
            this(name, columns, keyColumns, keyColumns);
        }
    }

    /** One row: its values by column; changes mark it to be written. */
    public final class Row {
        private final Object[] values = new Object[columns.size()];
        private boolean stored;
        private boolean changed;
        private boolean removed;

        private Row() {
            Arrays.fill(values, UNSET);
        }

        public String text(String column) {
            return (String) get(column);
        }

        public Instant time(String column) {
            return (Instant) get(column);
        }

        public long bigint(String column) {
            return ((Number) get(column)).longValue();
        }

        public Row set(String column, Object value) {
            int index = index(column);
            Object normalized = normalize(value);
            if (values[index] == UNSET || !Objects.equals(values[index], normalized)) {
                values[index] = normalized;
                changed = true;
            }
            return this;
        }

        private Object get(String column) {
            return value(index(column));
        }

        private Object value(int index) {
            Object value = values[index];
            return value == UNSET ? null : value;
        }

        private List<Object> key() {
            return Arrays.stream(keyIndexes).mapToObj(this::value).toList();
        }

        private List<Object> lookupKey() {
            return Arrays.stream(lookupIndexes).mapToObj(this::value).toList();
        }

        private void clearAllButKey() {
            List<Object> key = key();
            Arrays.fill(values, UNSET);
            for (int i = 0; i < keyIndexes.length; i++) {
                values[keyIndexes[i]] = key.get(i);
            }
        }
    }

    /** A column no change of the batch has set (written as null, as before). */
    private static final Object UNSET = new Object();
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> VALUE_ORDER =
            Comparator.nullsFirst((a, b) -> ((Comparable) a).compareTo(b));

    private final String table;
    private final List<Column> columns;
    private final Map<String, Integer> indexes = new HashMap<>();
    private final int[] keyIndexes;
    private final int[] lookupIndexes;
    private final Set<List<Object>> wanted = new LinkedHashSet<>();
    private final Map<List<Object>, Row> rows = new LinkedHashMap<>();
    /** The rows by their lookup values, when those are not the key (a rebuild's partition holds many rows). */
    private final Map<List<Object>, List<Row>> byLookup;
    private final TableStatements statements;

    /** The rows of a new batch in {@code table}. */
    TableRows(Table table) {
        this.table = table.name();
        this.columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            indexes.put(columns.get(i).name(), i);
        }
        this.keyIndexes = table.keyColumns().stream().mapToInt(this::index).toArray();
        this.lookupIndexes = table.lookupColumns().stream().mapToInt(this::index).toArray();
        this.byLookup = table.lookupColumns().equals(table.keyColumns()) ? null : new HashMap<>();
        this.statements = new TableStatements(columns, table.keyColumns(), table.lookupColumns());
    }

    private int index(String column) {
        Integer index = indexes.get(column);
        if (index == null) {
            throw new IllegalArgumentException("no column " + column + " in " + table);
        }
        return index;
    }

    private void indexByLookup(Row row) {
        if (byLookup != null) {
            byLookup.computeIfAbsent(row.lookupKey(), k -> new ArrayList<>()).add(row);
        }
    }

    /** Notes that a change of this batch reads the rows with these lookup column values. */
    public void want(Object... lookupValues) {
        wanted.add(normalizedKey(lookupValues));
    }

    /** The row with this primary key, null when there is none; its lookup values must have been wanted. */
    public Row find(Object... keyValues) {
        Row row = rows.get(normalizedKey(keyValues));
        return row == null || row.removed ? null : row;
    }

    /** The rows with these lookup column values, which must have been wanted. */
    public List<Row> lookup(Object... lookupValues) {
        if (byLookup == null) {
            return Optional.ofNullable(find(lookupValues)).stream().toList();
        }
        return byLookup.getOrDefault(normalizedKey(lookupValues), List.of()).stream()
                .filter(row -> !row.removed).toList();
    }

    /** A new row with this primary key (which {@link #find} answered null for); the caller sets its other columns. */
    public Row insert(Object... keyValues) {
        List<Object> key = normalizedKey(keyValues);
        Row row = rows.get(key);
        if (row == null) {
            row = new Row();
            rows.put(key, row);
            for (int i = 0; i < keyIndexes.length; i++) {
                row.values[keyIndexes[i]] = key.get(i);
            }
            indexByLookup(row);
        } else {
            row.clearAllButKey();
        }
        row.removed = false;
        row.changed = true;
        return row;
    }

    public void remove(Row row) {
        row.removed = true;
        row.changed = true;
    }

    /**
     * Reads the rows wanted, from the table or from its shadow (see {@link ShadowTables}), where only the lookup values
     * the rebuild may have written are looked for.
     */
    void load(JdbcTemplate jdbc, ShadowTables shadow) {
        List<List<Object>> lookups = shadow == null ? List.copyOf(wanted)
                : wanted.stream().filter(key -> shadow.mayHold(table, key)).toList();
        String target = shadow == null ? table : shadow.name(table);
        statements.select(jdbc, target, lookups, rs -> {
            Row row = new Row();
            for (int i = 0; i < columns.size(); i++) {
                row.values[i] = read(rs, columns.get(i));
            }
            row.stored = true;
            rows.put(row.key(), row);
            indexByLookup(row);
        });
    }

    /**
     * Deletes the rows removed and upserts those changed (MERGE on H2, INSERT ... ON CONFLICT on PostgreSQL); into a
     * shadow, which only the rebuild writes, a row it did not find is inserted.
     */
    void write(JdbcTemplate jdbc, boolean postgres, ShadowTables shadow) {
        String target = shadow == null ? table : shadow.name(table);
        statements.delete(jdbc, target, rows.values().stream().filter(row -> row.removed && row.stored)
                .map(Row::key).toList());
        List<Row> written = rows.values().stream().filter(row -> row.changed && !row.removed).toList();
        if (shadow == null) {
            upsert(jdbc, postgres, target, written);
            return;
        }
        upsert(jdbc, postgres, target, written.stream().filter(row -> row.stored).toList());
        // In key order: consecutive inserts then descend to the same or neighbouring pages of the primary key.
        List<Row> inserted = written.stream().filter(row -> !row.stored).sorted(this::compareKeys).toList();
        for (List<Row> chunk : chunks(inserted)) {
            statements.insert(jdbc, target, chunk.size(), arguments(chunk));
        }
        inserted.forEach(row -> shadow.wrote(table, row.lookupKey()));
    }

    private void upsert(JdbcTemplate jdbc, boolean postgres, String target, List<Row> written) {
        for (List<Row> chunk : chunks(written)) {
            statements.upsert(jdbc, postgres, target, chunk.size(), arguments(chunk));
        }
    }

    private Object[] arguments(List<Row> chunk) {
        Object[] arguments = new Object[chunk.size() * columns.size()];
        int i = 0;
        for (Row row : chunk) {
            for (int column = 0; column < columns.size(); column++) {
                arguments[i++] = bind(row.value(column));
            }
        }
        return arguments;
    }

    private int compareKeys(Row a, Row b) {
        for (int index : keyIndexes) {
            int order = VALUE_ORDER.compare(a.value(index), b.value(index));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static Object normalize(Object value) {
        return value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MICROS) : value;
    }

    private static List<Object> normalizedKey(Object[] values) {
        return Arrays.stream(values).map(TableRows::normalize).toList();
    }
}
