package io.licenseledger.query;

import org.springframework.jdbc.core.JdbcTemplate;

/** What a read model's {@code SELECT COUNT(*)} counts, for the totals of its pages. */
public final class RowCount {

    private RowCount() {
    }

    public static long of(JdbcTemplate jdbc, String countQuery, Object... arguments) {
        Long count = jdbc.queryForObject(countQuery, Long.class, arguments);
        return count == null ? 0 : count;
    }
}
