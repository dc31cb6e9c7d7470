package io.licenseledger.benchmark;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.ProjectEvent;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventRowsTest {

    @Test
    void aRowIsWhatTheCommandSideWrites() {
        // As the command side wrote it (domain_event_entry of a running service).
        String written = "{\"projectId\":\"prj_9e93\",\"deviceId\":\"d1\",\"deviceName\":null,\"appId\":null,"
                + "\"itemId\":\"dev\",\"licenseType\":\"PER_DEVICE\",\"newRegistration\":true,\"overage\":false,"
                + "\"authorizedAt\":\"2026-11-29T09:11:47.692317513Z\",\"registeredUntil\":\"2026-12-29T09:11:47.692317513Z\","
                + "\"leaseExpiresAt\":\"2026-12-06T09:11:47.692317513Z\"}";
        Instant at = Instant.parse("2026-11-29T09:11:47.692317513Z");
        DeviceAuthorized event = new DeviceAuthorized(new ProjectId("prj_9e93"), new DeviceId("d1"), null, null,
                new ItemId("dev"), LicenseType.PER_DEVICE, true, false, at, Instant.parse("2026-12-29T09:11:47.692317513Z"),
                Instant.parse("2026-12-06T09:11:47.692317513Z"));

        EventRows.Row row = new EventRows().row(new LedgerHistory.Event("Project", "prj_9e93", 3, event,
                "license-key:f2fc201c14e5ad9d", Instant.parse("2026-11-29T09:11:47.706123Z")), "event-1", "correlation-1");

        assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo(written);
        assertThat(row.payloadType()).isEqualTo("io.licenseledger.events.project.DeviceAuthorized");
        assertThat(row.payloadRevision()).isEqualTo("1");
        assertThat(row.timeStamp()).isEqualTo("2026-11-29T09:11:47.706Z");
        assertThat(Http.JSON.readTree(row.metaData()).path("actor").asString()).isEqualTo("license-key:f2fc201c14e5ad9d");
        assertThat(Http.JSON.readTree(row.metaData()).path("correlationId").asString()).isEqualTo("correlation-1");
    }

    @Test
    void theHistoryKeepsEachAggregateSequenceGaplessAndMixesEventTypes() {
        LedgerHistory history = new LedgerHistory(20, 5_000, Instant.parse("2026-11-29T00:00:00Z"), 7);
        Map<String, Long> nextSequence = new HashMap<>();
        Set<String> types = new HashSet<>();

        for (int i = 0; i < 5_000; i++) {
            LedgerHistory.Event event = history.next();
            long expected = nextSequence.getOrDefault(event.aggregateId(), 0L);
            assertThat(event.sequence()).as(event.aggregateId()).isEqualTo(expected);
            nextSequence.put(event.aggregateId(), expected + 1);
            types.add(event.payload().getClass().getSimpleName());
            if (event.payload() instanceof ProjectEvent) {
                assertThat(event.aggregateType()).isEqualTo("Project");
            }
        }

        assertThat(types).contains("LicenseImported", "ProjectCreated", "QuotaAdded", "DeviceAuthorized",
                "UsageRecorded", "AuthorizationRefused", "DeviceUnregistered", "AlertRaised");
    }

    /** The chain's tables as the ledger's migrations create them (run here, in the repository). */
    private static final Path LEDGER_CHAIN_MIGRATION =
            Path.of("../service-support/src/main/resources/db/ledger/V1_01__ledger_chain.sql");

    @Test
    void theHistoryGoesIntoTheLedgerTableAsTheSameBytes() throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        try (Connection connection = new org.h2.Driver().connect("jdbc:h2:mem:rows-" + System.nanoTime(), credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE domain_event_entry (global_index BIGINT AUTO_INCREMENT PRIMARY KEY,
                      aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),
                      event_identifier VARCHAR(255) NOT NULL, meta_data VARBINARY, payload VARBINARY NOT NULL,
                      payload_revision VARCHAR(255), payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,
                      UNIQUE (aggregate_identifier, sequence_number), UNIQUE (event_identifier))""");
            statement.execute(Files.readString(LEDGER_CHAIN_MIGRATION).replace("${varbinary}", "VARBINARY"));
            Instant end = Instant.parse("2026-11-29T00:00:00Z");
            long written = new EventRows().append(connection, new LedgerHistory(5, 300, end, 3), 300,
                    new ProgressBar(new PrintStream(OutputStream.nullOutputStream()), "rows"));

            assertThat(written).isEqualTo(300);
            LedgerHistory same = new LedgerHistory(5, 300, end, 3);
            EventRows.Row first = new EventRows().row(same.next(), "time-ordered", same.eventIdentifier());
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), MIN(global_index) FROM domain_event_entry");
                 ResultSet row = connection.createStatement().executeQuery(
                         "SELECT * FROM domain_event_entry ORDER BY global_index FETCH FIRST 1 ROW ONLY")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(300);
                row.next();
                assertThat(row.getString("aggregate_identifier")).isEqualTo(first.aggregateId());
                assertThat(row.getBytes("payload")).isEqualTo(first.payload());
                assertThat(row.getBytes("meta_data")).isEqualTo(first.metaData());
                assertThat(row.getString("payload_type")).isEqualTo(first.payloadType());
                assertThat(row.getString("time_stamp")).isEqualTo(first.timeStamp());
                assertThat(UUID.fromString(row.getString("event_identifier")).version())
                        .as("time-ordered, as the command side's").isEqualTo(7);
            }
            try (ResultSet chain = statement.executeQuery("SELECT COUNT(*), MAX(chain_position) FROM ledger_chain")) {
                chain.next();
                assertThat(chain.getLong(1)).as("chained as the command side chains its appends").isEqualTo(300);
                assertThat(chain.getLong(2)).isEqualTo(300);
            }
        }
    }

    @Test
    void oneStatementInsertsManyRows() {
        assertThat(EventRows.insertSql(2)).isEqualTo("INSERT INTO domain_event_entry (aggregate_identifier, "
                + "sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, "
                + "time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
}
