package io.licenseledger.service.testing;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A store's tables, Flyway's histories left out, as their database describes them (the columns with their types,
 * nullability and defaults; the primary keys, unique constraints and indexes with their names) and their rows, each
 * as sorted lines of text that start with the table's name.
 */
public record StoreContents(Set<String> tables, List<String> schema, List<String> rows) {

    private static final String TABLES = """
            SELECT LOWER(table_name) FROM information_schema.tables
             WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE'
               AND LOWER(table_name) NOT LIKE 'flyway!_%' ESCAPE '!' AND LOWER(table_name) NOT LIKE 'schema!_history!_%' ESCAPE '!'""";
    private static final String COLUMNS = """
            SELECT LOWER(table_name), ordinal_position, LOWER(column_name), data_type, character_maximum_length,
                   is_nullable, column_default
              FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA""";
    private static final String CONSTRAINTS = """
            SELECT LOWER(c.table_name), c.constraint_type, c.constraint_name, k.ordinal_position, LOWER(k.column_name)
              FROM information_schema.table_constraints c
              JOIN information_schema.key_column_usage k
                ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
             WHERE c.table_schema = CURRENT_SCHEMA AND c.constraint_type IN ('PRIMARY KEY', 'UNIQUE')""";
    private static final String H2_INDEXES = """
            SELECT LOWER(i.table_name), i.index_name, i.index_type_name, c.ordinal_position, LOWER(c.column_name)
              FROM information_schema.indexes i
              JOIN information_schema.index_columns c
                ON c.index_schema = i.index_schema AND c.index_name = i.index_name
             WHERE i.table_schema = CURRENT_SCHEMA""";
    private static final String POSTGRES_INDEXES =
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = CURRENT_SCHEMA";

    private static final Pattern GENERATED_NAME = Pattern.compile("\\b(CONSTRAINT|PRIMARY_KEY)_[0-9A-F]+\\b");

    public static StoreContents of(TestStore store) {
        JdbcTemplate jdbc = store.jdbc();
        Set<String> tables = new TreeSet<>(jdbc.queryForList(TABLES, String.class));
        List<String> schema = new ArrayList<>();
        schema.addAll(lines(jdbc, COLUMNS, tables));
        schema.addAll(lines(jdbc, CONSTRAINTS, tables));
        if (store.isPostgres()) {
            jdbc.query(POSTGRES_INDEXES, rs -> {
                if (tables.contains(rs.getString(1))) {
                    schema.add(rs.getString(1) + " index " + rs.getString(2) + " "
                            + rs.getString(3).replace(store.schema() + ".", ""));
                }
            });
        } else {
            schema.addAll(lines(jdbc, H2_INDEXES, tables));
        }
        List<String> rows = new ArrayList<>();
        for (String table : tables) {
            jdbc.query("SELECT * FROM " + table, rs -> {
                ResultSetMetaData columns = rs.getMetaData();
                StringBuilder row = new StringBuilder(table);
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    row.append(' ').append(columns.getColumnName(column).toLowerCase(Locale.ROOT)).append('=')
                            .append(text(rs.getObject(column)));
                }
                rows.add(row.toString());
            });
        }
        return new StoreContents(tables, sorted(schema), sorted(rows));
    }

    /** The Flyway history {@code table}: each migration's version and type, in the order they were applied. */
    public static List<String> history(TestStore store, String table) {
        return store.jdbc().queryForList("SELECT \"version\" || ' ' || \"type\" FROM \"" + table
                + "\" WHERE \"type\" <> 'TABLE' ORDER BY \"installed_rank\"", String.class);
    }

    /**
     * These contents with the names H2 generates for keys it is not given a name for masked: H2 derives them from the
     * table's name and the names already taken in the schema, Flyway's history tables included, so that a new store
     * may name a key differently from one that took another path to the same tables.
     */
    public StoreContents generatedNamesMasked() {
        return new StoreContents(tables, schema.stream()
                .map(line -> GENERATED_NAME.matcher(line).replaceAll("$1_*")).sorted().toList(), rows);
    }

    /** These contents of the given tables only. */
    public StoreContents only(Set<String> these) {
        return new StoreContents(new TreeSet<>(these),
                schema.stream().filter(line -> these.contains(line.substring(0, line.indexOf(' ')))).toList(),
                rows.stream().filter(line -> these.contains(line.substring(0, line.indexOf(' ')))).toList());
    }

    private static List<String> lines(JdbcTemplate jdbc, String query, Set<String> tables) {
        List<String> lines = new ArrayList<>();
        jdbc.query(query, rs -> {
            if (tables.contains(rs.getString(1))) {
                StringBuilder line = new StringBuilder(rs.getString(1));
                for (int column = 2; column <= rs.getMetaData().getColumnCount(); column++) {
                    line.append(' ').append(rs.getString(column));
                }
                lines.add(line.toString());
            }
        });
        return lines;
    }

    private static Object text(Object value) throws SQLException {
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof Blob blob) {
            value = blob.getBytes(1, (int) blob.length());
        }
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value;
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
