package io.licenseledger.service.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Stores as the last build with one set of migrations per dialect left them, with their Flyway histories and a row
 * in every table (test resources {@code previous-store/}, each saying in its first lines how it was made). They are
 * frozen data, kept as gzipped scripts, which H2's {@code RUNSCRIPT} reads as they are.
 */
public final class PreviousStore {

    private static final String FOLDER = "/io/licenseledger/service/testing/previous-store/";

    private PreviousStore() {
    }

    /** The command side's ledger file (on PostgreSQL: the one schema of both services) into {@code store}. */
    public static void ledger(TestStore store) {
        restore(store, "h2-ledger.sql.gz");
    }

    /** The query side's read-model file (on PostgreSQL: the one schema of both services) into {@code store}. */
    public static void readModels(TestStore store) {
        restore(store, "h2-read-models.sql.gz");
    }

    private static void restore(TestStore store, String h2Script) {
        if (!store.isPostgres()) {
            store.jdbc().execute("RUNSCRIPT FROM 'classpath:" + FOLDER + h2Script + "' COMPRESSION GZIP");
            return;
        }
        String dump;
        try (InputStream in = new GZIPInputStream(PreviousStore.class.getResourceAsStream(FOLDER + "postgresql.sql.gz"))) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.jdbc().execute(dump.replace("CREATE SCHEMA previous_build;", "")
                .replace("previous_build.", store.schema() + "."));
    }
}
