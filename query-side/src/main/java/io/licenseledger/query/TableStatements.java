package io.licenseledger.query;

import io.licenseledger.query.TableRows.Column;
import io.licenseledger.service.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statements {@link TableRows} runs on one table: a SELECT and a DELETE by a row-value IN list, in chunks of at
 * most {@value #CHUNK} keys, an upsert (MERGE on H2, INSERT ... ON CONFLICT on PostgreSQL) and a plain multi-row
 * INSERT, each parameter given its column's JDBC type; and the values as they go to and come from JDBC.
 */
final class TableStatements {

    private static final int CHUNK = 200;

    private final List<Column> columns;
    private final List<String> keyColumns;
    private final List<String> lookupColumns;
    private final String columnNames;

    TableStatements(List<Column> columns, List<String> keyColumns, List<String> lookupColumns) {
        this.columns = columns;
        this.keyColumns = keyColumns;
        this.lookupColumns = lookupColumns;
        this.columnNames = names(columns.stream().map(Column::name).toList());
    }

    /** Hands {@code each} the rows of {@code target} with these lookup column values. */
    void select(JdbcTemplate jdbc, String target, List<List<Object>> lookups, RowCallbackHandler each) {
        for (List<List<Object>> chunk : chunks(lookups)) {
            jdbc.query("SELECT " + columnNames + " FROM " + target + " WHERE " + inList(lookupColumns, chunk.size()),
                    each, arguments(chunk));
        }
    }

    void delete(JdbcTemplate jdbc, String target, List<List<Object>> keys) {
        for (List<List<Object>> chunk : chunks(keys)) {
            jdbc.update("DELETE FROM " + target + " WHERE " + inList(keyColumns, chunk.size()), arguments(chunk),
                    types(chunk.size(), keyColumns.stream().map(this::column).toList()));
        }
    }

    /** Writes {@code rows} rows whose values, in column order, are {@code arguments}. */
    void upsert(JdbcTemplate jdbc, boolean postgres, String target, int rows, Object[] arguments) {
        String values = tuples(rows);
        jdbc.update(postgres
                        ? "INSERT INTO " + target + " (" + columnNames + ") VALUES " + values + onConflict()
                        : "MERGE INTO " + target + " (" + columnNames + ") KEY (" + names(keyColumns) + ") VALUES "
                        + values,
                arguments, types(rows, columns));
    }

    /** Inserts {@code rows} rows whose values, in column order, are {@code arguments}. */
    void insert(JdbcTemplate jdbc, String target, int rows, Object[] arguments) {
        jdbc.update("INSERT INTO " + target + " (" + columnNames + ") VALUES " + tuples(rows), arguments,
                types(rows, columns));
    }

    private static Object[] arguments(List<List<Object>> keys) {
        List<Object> arguments = new ArrayList<>();
        keys.forEach(key -> key.forEach(value -> arguments.add(bind(value))));
        return arguments.toArray();
    }

    private String tuples(int rowCount) {
        String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        return String.join(", ", Collections.nCopies(rowCount, tuple));
    }

    private String onConflict() {
        List<String> updated = columns.stream().map(Column::name).filter(name -> !keyColumns.contains(name)).toList();
        return " ON CONFLICT (" + names(keyColumns) + ") DO " + (updated.isEmpty() ? "NOTHING" : "UPDATE SET "
                + String.join(", ", updated.stream().map(name -> name + " = EXCLUDED." + name).toList()));
    }

    private Column column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
    }

    static Object read(ResultSet rs, Column column) throws SQLException {
        if (column.sqlType() == Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime value = rs.getObject(column.name(), OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        if (column.sqlType() == Types.BIGINT) {
            long value = rs.getLong(column.name());
            return rs.wasNull() ? null : value;
        }
        if (column.sqlType() == Types.INTEGER) {
            int value = rs.getInt(column.name());
            return rs.wasNull() ? null : value;
        }
        if (column.sqlType() == Types.BOOLEAN) {
            boolean value = rs.getBoolean(column.name());
            return rs.wasNull() ? null : value;
        }
        return rs.getString(column.name());
    }

    static Object bind(Object value) {
        return value instanceof Instant instant ? SqlTime.utc(instant) : value;
    }

    private static String names(List<String> names) {
        return String.join(", ", names);
    }

    private static String inList(List<String> keyColumns, int count) {
        String tuple = "(" + String.join(", ", Collections.nCopies(keyColumns.size(), "?")) + ")";
        return "(" + names(keyColumns) + ") IN (" + String.join(", ", Collections.nCopies(count, tuple)) + ")";
    }

    private static int[] types(int rows, List<Column> columns) {
        int[] types = new int[rows * columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i % columns.size()).sqlType();
        }
        return types;
    }

    static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += CHUNK) {
            chunks.add(items.subList(from, Math.min(items.size(), from + CHUNK)));
        }
        return chunks;
    }
}
