package io.licenseledger.query;

import io.licenseledger.query.TableRows.Table;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a projection's writes go. In a streaming processor's batch they are collected and written when the batch
 * commits, in the transaction that stores the processor's token (so a read model never gets ahead of or behind its
 * token): the rows the batch needs are read with a few statements, every change is applied in event order, and the
 * rows it changed are written with a few more. A rebuild's batches, of tens of thousands of events, are written so
 * into the {@link ShadowTables} named by the unit of work's {@link #SHADOW} resource. Outside a streaming processor's
 * batch (a test calling a handler, a dead letter retried) and in a batch {@link EventIsolation} isolates, each change
 * is written at once the same way. A rebuild's partitions hold their rows in memory across their units of work
 * instead ({@link Held}).
 */
public final class BatchedWrites {

    /** The rows of a batch, by table. */
    public static final class Batch {
        private final Map<String, TableRows> tables = new LinkedHashMap<>();
        private final List<Consumer<Batch>> changes = new ArrayList<>();

        private Batch(List<Table> tables) {
            tables.forEach(table -> this.tables.put(table.name(), new TableRows(table)));
        }

        public TableRows rows(Table table) {
            TableRows rows = tables.get(table.name());
            if (rows == null) {
                throw new IllegalArgumentException("no table " + table.name() + " in this batch");
            }
            return rows;
        }

        private void write(JdbcTemplate jdbc, boolean postgres, ShadowTables shadow) {
            tables.values().forEach(rows -> rows.load(jdbc, shadow));
            changes.forEach(change -> change.accept(this));
            tables.values().forEach(rows -> rows.write(jdbc, postgres, shadow));
        }
    }

    /**
     * The rows of a rebuild's partition of projects, whose events are all folded before anything is written: the
     * shadows hold no row of these projects yet, so a change finds every row it needs among those it holds, and the
     * rows are written once, in key order, when the partition is done.
     */
    public static final class Held {
        private final Map<BatchedWrites, Batch> batches = new LinkedHashMap<>();

        /** Writes every row held into the shadows, in key order, table by table. */
        public void writeInto(ShadowTables shadow) {
            batches.forEach((writes, batch) -> batch.tables.values().forEach(
                    rows -> rows.write(writes.jdbc, writes.postgres(), shadow)));
        }
    }

    /**
     * The unit-of-work resource that sends a batch's writes to the {@link ShadowTables} a rebuild fills instead of the
     * read models.
     */
    public static final String SHADOW = ShadowTables.class.getName();

    /** The unit-of-work resource under which a rebuild's changes go to the rows it {@link Held holds}. */
    public static final String HELD = Held.class.getName();

    private final JdbcTemplate jdbc;
    private final List<Table> tables;
    private volatile Boolean postgres;
    private final String resourceKey = BatchedWrites.class.getName() + "@" + System.identityHashCode(this);

    /** @param tables each of the tables the projection writes */
    public BatchedWrites(JdbcTemplate jdbc, Table... tables) {
        this.jdbc = jdbc;
        this.tables = List.of(tables);
    }

    /**
     * Records a change: {@code want} names the rows it reads (see {@link TableRows#want}), {@code change} makes it
     * once they are read, after the changes recorded before it.
     */
    public void record(Consumer<Batch> want, Consumer<Batch> change) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
        Held held = unitOfWork == null ? null : unitOfWork.getResource(HELD);
        if (held != null) {
            change.accept(held.batches.computeIfAbsent(this, writes -> writes.newBatch()));
            return;
        }
        ShadowTables shadow = unitOfWork == null ? null : unitOfWork.getResource(SHADOW);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?>) || EventIsolation.isolated(unitOfWork)) {
            Batch batch = newBatch();
            want.accept(batch);
            batch.changes.add(change);
            batch.write(jdbc, postgres(), shadow);
            return;
        }
        Batch batch = unitOfWork.getOrComputeResource(resourceKey, key -> {
            Batch created = newBatch();
            unitOfWork.onPrepareCommit(u -> {
                try {
                    created.write(jdbc, postgres(), shadow);
                } catch (RuntimeException failure) {
                    EventIsolation.batchFailed(unitOfWork, failure);
                    throw failure;
                }
            });
            return created;
        });
        want.accept(batch);
        batch.changes.add(change);
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    connection.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
        }
        return postgres;
    }

    private Batch newBatch() {
        return new Batch(tables);
    }
}
