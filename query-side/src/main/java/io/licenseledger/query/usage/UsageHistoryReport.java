package io.licenseledger.query.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * A project's usage per period, item and feature, recomputed from its {@code UsageRecorded} events alone (each
 * entry at its own time; {@code itemId} null where no usage item covered it, {@code feature} null where the entry
 * named none), with the check of the usage read model against it. The read model keeps units per hour and feature,
 * not per item, so the check compares the two per period and feature. {@code ledgerPosition} is the ledger's head
 * when the report was made, which the read model had reached.
 */
record UsageHistoryReport(String projectId, String granularity, LocalDate from, LocalDate to, long ledgerPosition,
                          long usageEvents, long totalUnits, List<Row> rows, Check check) {

    record Row(String period, String itemId, String feature, long units) {
    }

    /**
     * {@code differences}: each period and feature whose units differ, one side 0 where it has no row.
     * {@code readModelCaughtUp} is false when the read model had not reached {@code ledgerPosition} within 10 s.
     */
    record Check(boolean matches, boolean readModelCaughtUp, long readModelTotalUnits, List<Difference> differences) {
    }

    record Difference(String period, String feature, long ledgerUnits, long readModelUnits) {
    }

    /** period,itemId,feature,units: one line per row, a header first; an empty field for a missing item or feature. */
    String csv() {
        StringBuilder csv = new StringBuilder("period,itemId,feature,units\n");
        for (Row row : rows) {
            csv.append(row.period()).append(',').append(row.itemId() == null ? "" : row.itemId()).append(',')
                    .append(row.feature() == null ? "" : row.feature()).append(',').append(row.units()).append('\n');
        }
        return csv.toString();
    }
}
