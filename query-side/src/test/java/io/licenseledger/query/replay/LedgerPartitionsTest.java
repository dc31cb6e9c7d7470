package io.licenseledger.query.replay;

import io.licenseledger.query.ReadModelDatabase;
import io.licenseledger.service.LedgerSchemas;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerPartitionsTest {

    private final JdbcTemplate ledger = ReadModelDatabase.migrated();
    private final Serializer serializer = Jackson3Serializer.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void everyProjectLandsWholeInOnePartitionInKeyOrderWithItsEventsInLedgerOrder() throws Exception {
        List<String> projects = List.of("p-c", "p-a", "p-e", "p-b", "p-d");
        for (int round = 0; round < 6; round++) {
            for (String project : projects) {
                append(project, round);
            }
        }

        try (LedgerPartitions partitions = plan(12)) {
            partitions.copy();

            assertThat(partitions.partitions()).isEqualTo(3);
            assertThat(partitions.events()).isEqualTo(30);
            List<List<String>> projectsPerPartition = new ArrayList<>();
            for (int partition = 0; partition < partitions.partitions(); partition++) {
                List<DomainEventMessage<?>> events = read(partitions, partition);
                projectsPerPartition.add(events.stream().map(event -> event.getAggregateIdentifier()).distinct()
                        .sorted().toList());
                for (String project : projectsPerPartition.get(partition)) {
                    assertThat(events.stream().filter(event -> event.getAggregateIdentifier().equals(project))
                            .map(event -> event.getSequenceNumber())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
                }
                assertThat(events).first().satisfies(event ->
                        assertThat(event.getPayload()).isEqualTo(Map.of("round", 0)));
            }
            assertThat(projectsPerPartition).containsExactly(List.of("p-a", "p-b"), List.of("p-c", "p-d"),
                    List.of("p-e"));
        }
    }

    @Test
    void eventsNotVisibleYetBelowTheHeadAreLeftOutAndNamedAsGapsInTheToken() throws Exception {
        for (long position : new long[] {1, 3, 5}) {
            append("p-a", position, (int) position);
        }

        try (LedgerPartitions partitions = plan(100)) {
            // A commit still running at the plan (position 4 fills in late) is read by the catch-up, not twice.
            partitions.copy();

            assertThat(partitions.head()).isEqualTo(5);
            assertThat(partitions.token()).isEqualTo(GapAwareTrackingToken.newInstance(5, List.of(2L, 4L)));
            assertThat(read(partitions, 0)).map(event -> ((TrackedEventMessage<?>) event).trackingToken()
                    .position().orElseThrow()).containsExactly(1L, 3L, 5L);
        }
    }

    @Test
    void thePartitionsFilesArePrivateAndGoneOnceClosed() throws Exception {
        append("p-a", 0);
        Path directory;
        try (LedgerPartitions partitions = plan(100)) {
            partitions.copy();
            try (Stream<Path> files = Files.list(dataDir.resolve("rebuild"))) {
                directory = files.findFirst().orElseThrow();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void anEmptyLedgerHasNoPartitionAndStartsTheCatchUpFromTheStart() throws Exception {
        try (LedgerPartitions partitions = plan(100)) {
            partitions.copy();

            assertThat(partitions.partitions()).isZero();
            assertThat(partitions.token()).isNull();
        }
    }

    private LedgerPartitions plan(int partitionEvents) throws Exception {
        return LedgerPartitions.plan(ledger.getDataSource(), LedgerSchemas.EVENTS, serializer,
                new EventUpcasterChain(), dataDir.resolve("rebuild"), partitionEvents);
    }

    private void append(String project, int round) {
        Long next = ledger.queryForObject("SELECT COALESCE(MAX(global_index), 0) + 1 FROM domain_event_entry",
                Long.class);
        append(project, next, round);
    }

    /** At {@code position}: the positions left out are as commits still running, or rolled back. */
    private void append(String project, long position, int round) {
        Long sequence = ledger.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, project);
        ledger.update("INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, "
                        + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", position, project, sequence, "Project",
                project + "-" + sequence,
                "{}".getBytes(StandardCharsets.UTF_8),
                ("{\"round\":" + round + "}").getBytes(StandardCharsets.UTF_8), null, "java.util.Map",
                "2026-03-01T00:00:00Z");
    }

    private static List<DomainEventMessage<?>> read(LedgerPartitions partitions, int partition) throws Exception {
        List<DomainEventMessage<?>> read = new ArrayList<>();
        try (Stream<TrackedEventMessage<?>> events = partitions.read(partition)) {
            events.forEach(event -> read.add((DomainEventMessage<?>) event));
        }
        return read;
    }
}
