package io.licenseledger.query.replay;

import io.licenseledger.query.ShadowTables;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shadow copies of the read-model tables (every table named {@code qry_*}) that a rebuild fills, and their swap
 * for the live tables. A copy has the live table's columns, defaults, primary key and indexes, taken from the database
 * itself (H2's {@code SCRIPT NODATA}, PostgreSQL's {@code LIKE ... INCLUDING ALL}), so the migrations stay the one
 * definition of the schema; the swap drops each live table, renames its copy to its name and gives the copy's indexes
 * and constraints the live ones' names, so that later migrations find what they expect.
 */
final class ShadowSchema {

    private static final Pattern QUALIFIED = Pattern.compile("\"([^\"]+)\"\\.\"([^\"]+)\"");
    private static final Pattern H2_CONSTRAINT =
            Pattern.compile("^ALTER TABLE \"[^\"]+\"\\.\"([^\"]+)\" ADD CONSTRAINT \"[^\"]+\"\\.\"([^\"]+)\"");
    private static final Pattern H2_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX \"[^\"]+\"\\.\"([^\"]+)\"");
    private static final Pattern PG_INDEX_NAME = Pattern.compile("INDEX \\S+ ON \\S+");

    /** A name the shadow's index or constraint takes at the swap. */
    private record Rename(String table, String shadowName, String liveName, boolean constraint) {
    }

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final List<String> tables;
    private final List<Rename> renames = new ArrayList<>();

    ShadowSchema(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.tables = jdbc.queryForList("""
                SELECT LOWER(table_name) FROM information_schema.tables
                 WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE'
                   AND LOWER(table_name) LIKE 'qry!_%' ESCAPE '!' ORDER BY 1""", String.class);
    }

    /** The read-model tables, lower case. */
    List<String> tables() {
        return tables;
    }

    /** Creates empty copies of every read-model table, dropping those a former rebuild left. */
    void create() {
        drop();
        renames.clear();
        if (postgres) {
            for (String table : tables) {
                String shadow = ShadowTables.shadowOf(table);
                jdbc.execute("CREATE TABLE " + shadow + " (LIKE " + table + " INCLUDING ALL)");
                Map<String, String> liveByDefinition = new HashMap<>();
                indexes(table).forEach((name, definition) -> liveByDefinition.put(definition, name));
                indexes(shadow).forEach((name, definition) -> {
                    String live = liveByDefinition.get(definition);
                    if (live != null) {
                        renames.add(new Rename(table, name, live, false));
                    }
                });
            }
            return;
        }
        List<String> script = jdbc.queryForList("SCRIPT NODATA NOPASSWORDS NOSETTINGS TABLE "
                + String.join(", ", tables), String.class);
        for (String statement : script) {
            if (!(statement.startsWith("CREATE CACHED TABLE") || statement.startsWith("CREATE MEMORY TABLE")
                    || statement.startsWith("ALTER TABLE") || statement.startsWith("CREATE INDEX")
                    || statement.startsWith("CREATE UNIQUE INDEX"))) {
                continue;
            }
            Matcher constraint = H2_CONSTRAINT.matcher(statement);
            if (constraint.find()) {
                renames.add(new Rename(constraint.group(1), ShadowTables.PREFIX.toUpperCase(Locale.ROOT)
                        + constraint.group(2), constraint.group(2), true));
            }
            Matcher index = H2_INDEX.matcher(statement);
            if (index.find()) {
                renames.add(new Rename(null, ShadowTables.PREFIX.toUpperCase(Locale.ROOT) + index.group(1),
                        index.group(1), false));
            }
            jdbc.execute(QUALIFIED.matcher(statement).replaceAll(
                    match -> Matcher.quoteReplacement("\"" + match.group(1) + "\".\""
                            + ShadowTables.PREFIX.toUpperCase(Locale.ROOT) + match.group(2) + "\"")));
        }
    }

    void drop() {
        for (String table : tables) {
            jdbc.execute("DROP TABLE IF EXISTS " + ShadowTables.shadowOf(table));
        }
    }

    /** Puts every shadow in its live table's place; in the caller's transaction (on H2, DDL commits). */
    void swap() {
        for (String table : tables) {
            jdbc.execute("DROP TABLE " + table);
            jdbc.execute("ALTER TABLE " + ShadowTables.shadowOf(table) + " RENAME TO " + table);
        }
        for (Rename rename : renames) {
            if (rename.constraint()) {
                jdbc.execute("ALTER TABLE \"" + rename.table() + "\" RENAME CONSTRAINT \"" + rename.shadowName()
                        + "\" TO \"" + rename.liveName() + "\"");
            } else {
                jdbc.execute("ALTER INDEX \"" + rename.shadowName() + "\" RENAME TO \"" + rename.liveName() + "\"");
            }
        }
    }

    /** PostgreSQL: the table's indexes by name, each with its definition without its name and table. */
    private Map<String, String> indexes(String table) {
        Map<String, String> indexes = new HashMap<>();
        jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = CURRENT_SCHEMA AND tablename = ?",
                rs -> {
                    indexes.put(rs.getString(1), PG_INDEX_NAME.matcher(rs.getString(2)).replaceFirst("INDEX ON"));
                }, table);
        return indexes;
    }
}
