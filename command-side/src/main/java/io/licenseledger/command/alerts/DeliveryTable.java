package io.licenseledger.command.alerts;

import io.licenseledger.events.ProjectId;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.service.SqlTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tables {@code alert_delivery} (one row per alert and recipient) and {@code alert_delivery_attempt} (every attempt
 * made). A row is PENDING until an attempt succeeds (DELIVERED) or the attempts run out (FAILED).
 */
@Repository
class DeliveryTable {

    private static final RowMapper<DueDelivery> DUE = (rs, i) -> new DueDelivery(rs.getString("delivery_id"),
            rs.getString("alert_id"), rs.getString("project_id"), Channel.valueOf(rs.getString("channel")),
            rs.getString("target"), rs.getString("kind"), rs.getString("license_type"), rs.getInt("threshold"),
            rs.getString("term_key"), rs.getLong("used_value"), rs.getLong("limit_value"),
            SqlTime.instant(rs, "raised_at"), rs.getInt("attempts"));

    private final JdbcTemplate jdbc;

    DeliveryTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the delivery of an alert to one recipient, due at once; false when it is there already (the event came
     * again). Looked up rather than inserted and caught: on PostgreSQL a failed insert spoils the transaction, which
     * here also carries the processor's token. A lost race still fails on the key and the batch is retried.
     */
    boolean addIfAbsent(AlertRaised alert, Channel channel, String target) {
        String deliveryId = deliveryId(alert.projectId(), alert.alertId(), channel, target);
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM alert_delivery WHERE delivery_id = ?",
                Integer.class, deliveryId);
        if (present != null && present > 0) {
            return false;
        }
        jdbc.update("""
                        INSERT INTO alert_delivery (delivery_id, alert_id, project_id, channel, target, kind,
                                                    license_type, threshold, term_key, used_value, limit_value,
                                                    raised_at, status, attempts, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""",
                deliveryId, alert.alertId(), alert.projectId().value(), channel.name(), target, alert.kind().name(),
                alert.licenseType() == null ? null : alert.licenseType().name(), alert.threshold(), alert.termKey(),
                alert.used(), alert.limit(), SqlTime.utc(alert.raisedAt()), DeliveryStatus.PENDING.name(),
                SqlTime.utc(alert.raisedAt()));
        return true;
    }

    /**
     * The key of (project, alert, channel, target): the same recipient of the same alert always gets the same id, on
     * every instance and on every redelivery of the event.
     */
    static String deliveryId(ProjectId projectId, String alertId, Channel channel, String target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", projectId.value(), alertId,
                    channel.name(), target).getBytes(StandardCharsets.UTF_8));
            return "dlv_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ids of PENDING deliveries due at {@code now} that no worker holds, the longest waiting first. */
    List<String> due(Instant now, int limit) {
        return jdbc.queryForList("""
                        SELECT delivery_id FROM alert_delivery
                         WHERE status = 'PENDING' AND next_attempt_at <= ?
                           AND (claimed_until IS NULL OR claimed_until < ?)
                         ORDER BY next_attempt_at OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY""", String.class,
                SqlTime.utc(now), SqlTime.utc(now), limit);
    }

    /**
     * Takes a due delivery for one attempt until {@code until}. Only one worker's update matches, so two instances
     * never send the same attempt at once; a worker that dies leaves a claim that lapses.
     */
    Optional<DueDelivery> claim(String deliveryId, Instant now, Instant until) {
        int claimed = jdbc.update("""
                        UPDATE alert_delivery SET claimed_until = ?
                         WHERE delivery_id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                           AND (claimed_until IS NULL OR claimed_until < ?)""",
                SqlTime.utc(until), deliveryId, SqlTime.utc(now), SqlTime.utc(now));
        if (claimed != 1) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM alert_delivery WHERE delivery_id = ?", DUE, deliveryId).stream().findFirst();
    }

    /**
     * Records attempt number {@code attempt} and the delivery's new state, and lets the claim go. False when the
     * attempt was recorded already (the claim lapsed and another worker took over); call it in a transaction.
     */
    boolean record(DueDelivery delivery, int attempt, Instant at, Outcome outcome, DeliveryStatus status,
                   Instant nextAttemptAt) {
        int updated = jdbc.update("""
                        UPDATE alert_delivery
                           SET status = ?, attempts = ?, last_attempt_at = ?, last_result = ?, next_attempt_at = ?,
                               delivered_at = ?, claimed_until = NULL
                         WHERE delivery_id = ? AND attempts = ? AND status = 'PENDING'""",
                status.name(), attempt, SqlTime.utc(at), outcome.result(), SqlTime.utc(nextAttemptAt),
                status == DeliveryStatus.DELIVERED ? SqlTime.utc(at) : null, delivery.deliveryId(), attempt - 1);
        if (updated != 1) {
            return false;
        }
        jdbc.update("""
                        INSERT INTO alert_delivery_attempt (delivery_id, attempt, attempted_at, http_status, result)
                        VALUES (?, ?, ?, ?, ?)""",
                delivery.deliveryId(), attempt, SqlTime.utc(at), outcome.httpStatus(), outcome.result());
        return true;
    }

    AlertDeliveries page(ProjectId projectId, int page, int size) {
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM alert_delivery WHERE project_id = ?", Long.class,
                projectId.value());
        Map<String, List<AlertDeliveries.Attempt>> histories = new LinkedHashMap<>();
        List<Row> rows = jdbc.query("""
                        SELECT * FROM alert_delivery WHERE project_id = ?
                         ORDER BY raised_at DESC, alert_id, CASE channel WHEN 'WEBHOOK' THEN 0 ELSE 1 END, target
                        OFFSET ? ROWS FETCH NEXT ? ROWS ONLY""",
                (rs, i) -> new Row(rs.getString("delivery_id"), rs.getString("alert_id"), rs.getString("kind"),
                        Channel.valueOf(rs.getString("channel")), rs.getString("target"),
                        DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                        SqlTime.instant(rs, "last_attempt_at"), rs.getString("last_result"),
                        SqlTime.instant(rs, "next_attempt_at"), SqlTime.instant(rs, "delivered_at")),
                projectId.value(), (long) page * size, size);
        rows.forEach(row -> histories.put(row.deliveryId(), new ArrayList<>()));
        if (!rows.isEmpty()) {
            String placeholders = String.join(", ", Collections.nCopies(rows.size(), "?"));
            jdbc.query("SELECT * FROM alert_delivery_attempt WHERE delivery_id IN (" + placeholders
                            + ") ORDER BY delivery_id, attempt",
                    rs -> {
                        histories.get(rs.getString("delivery_id")).add(new AlertDeliveries.Attempt(
                                rs.getInt("attempt"), SqlTime.instant(rs, "attempted_at"), rs.getString("result"),
                                (Integer) rs.getObject("http_status", Integer.class)));
                    },
                    histories.keySet().toArray());
        }
        List<AlertDeliveries.Delivery> deliveries = rows.stream().map(row -> new AlertDeliveries.Delivery(
                row.deliveryId(), row.alertId(), row.kind(), row.channel(), row.target(), row.status(),
                row.attempts(), row.lastAttemptAt(), row.lastResult(),
                row.status() == DeliveryStatus.PENDING ? row.nextAttemptAt() : null, row.deliveredAt(),
                List.copyOf(histories.get(row.deliveryId())))).toList();
        return new AlertDeliveries(projectId.value(), total == null ? 0 : total, page, size, deliveries);
    }

    private record Row(String deliveryId, String alertId, String kind, Channel channel, String target,
                       DeliveryStatus status, int attempts, Instant lastAttemptAt, String lastResult,
                       Instant nextAttemptAt, Instant deliveredAt) {
    }
}
