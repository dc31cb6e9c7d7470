package io.licenseledger.query.replay;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The ledger up to its head, cut into partitions of whole projects for the rebuild's first pass ({@link ShadowFolder}):
 * every read-model row belongs to one project, so a partition's events fold into rows that no other partition
 * touches, held in memory and written once. The partitions are ranges of aggregate identifiers, in key order, each
 * of about {@code partitionEvents} events; one scan of the ledger in index order copies each row, as stored, into its
 * partition's file in a private directory, which a partition's fold then reads back and deserializes with the event
 * store's own serializer and upcasters. The events the scan could not see yet (the gaps below the head, appends still
 * committing) are left to the catch-up after it, whose token {@link #token()} names them as gaps.
 */
final class LedgerPartitions implements AutoCloseable {

    /** Plans the partitions of the ledger as it is at the call. */
    @FunctionalInterface
    interface Planner {
        LedgerPartitions plan() throws IOException;
    }

    /** As far back as Axon's processors wait for a gap to fill. */
    private static final int GAP_WINDOW = 10_000;
    private static final int PAGE_ROWS = 5_000;

    private final DataSource ledger;
    private final EventSchema schema;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final Path directory;
    private final long head;
    private final Set<Long> gaps;
    private final List<String> firstOfPartition;
    private final long events;

    private LedgerPartitions(DataSource ledger, EventSchema schema, Serializer serializer, EventUpcaster upcasters,
                             Path directory, long head, Set<Long> gaps, List<String> firstOfPartition, long events) {
        this.ledger = ledger;
        this.schema = schema;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.directory = directory;
        this.head = head;
        this.gaps = gaps;
        this.firstOfPartition = firstOfPartition;
        this.events = events;
    }

    /** Plans the partitions of the ledger as it is now; their files go to a new private directory under {@code parent}. */
    static LedgerPartitions plan(DataSource ledger, EventSchema schema, Serializer serializer, EventUpcaster upcasters,
                                 Path parent, int partitionEvents) throws IOException {
        JdbcTemplate jdbc = new JdbcTemplate(ledger);
        Long max = jdbc.queryForObject("SELECT MAX(" + schema.globalIndexColumn() + ") FROM "
                + schema.domainEventTable(), Long.class);
        long head = max == null ? -1 : max;
        Set<Long> gaps = new HashSet<>();
        long from = Math.max(0, head - GAP_WINDOW);
        List<Long> present = jdbc.queryForList("SELECT " + schema.globalIndexColumn() + " FROM "
                + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? AND "
                + schema.globalIndexColumn() + " <= ?", Long.class, from, head);
        Set<Long> seen = new HashSet<>(present);
        for (long index = from + 1; index < head; index++) {
            if (!seen.contains(index)) {
                gaps.add(index);
            }
        }
        // Java's order of the identifiers, not the database's collation: the scan routes each row by it.
        Map<String, Long> perAggregate = new TreeMap<>();
        jdbc.query("SELECT " + schema.aggregateIdentifierColumn() + ", COUNT(*) FROM " + schema.domainEventTable()
                        + " WHERE " + schema.globalIndexColumn() + " <= ? GROUP BY "
                        + schema.aggregateIdentifierColumn(),
                rs -> {
                    perAggregate.put(rs.getString(1), rs.getLong(2));
                }, head);
        List<String> firstOfPartition = new ArrayList<>();
        long inPartition = 0;
        long events = 0;
        for (Map.Entry<String, Long> aggregate : perAggregate.entrySet()) {
            if (firstOfPartition.isEmpty() || inPartition + aggregate.getValue() > partitionEvents && inPartition > 0) {
                firstOfPartition.add(aggregate.getKey());
                inPartition = 0;
            }
            inPartition += aggregate.getValue();
            events += aggregate.getValue();
        }
        Path directory = Files.createTempDirectory(Files.createDirectories(parent), "rebuild-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new LedgerPartitions(ledger, schema, serializer, upcasters, directory, head, gaps,
                List.copyOf(firstOfPartition), events);
    }

    int partitions() {
        return firstOfPartition.size();
    }

    /** The events below the head the partitions hold (those of the gaps excepted). */
    long events() {
        return events;
    }

    long head() {
        return head;
    }

    /** Where the catch-up goes on from: the head, with the gaps the partitions left out. */
    TrackingToken token() {
        return head < 0 ? null : GapAwareTrackingToken.newInstance(head, gaps);
    }

    /** Copies every event up to the head, but the gaps', into its partition's file. */
    void copy() throws IOException, SQLException {
        List<PartitionFile> files = new ArrayList<>();
        try (Connection connection = ledger.getConnection()) {
            for (int partition = 0; partition < partitions(); partition++) {
                files.add(new PartitionFile(file(partition), schema));
            }
            // In pages by position: one query for the whole ledger would have the database hold all of its result.
            try (PreparedStatement select = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                    + " FROM " + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " > ? AND "
                    + schema.globalIndexColumn() + " <= ? ORDER BY " + schema.globalIndexColumn() + " LIMIT "
                    + PAGE_ROWS)) {
                // A page in one round trip: H2's default of 100 rows a fetch waits on TCP acknowledgements.
                select.setFetchSize(PAGE_ROWS);
                long after = -1;
                for (boolean more = true; more; ) {
                    select.setLong(1, after);
                    select.setLong(2, head);
                    more = false;
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long globalIndex = rows.getLong(schema.globalIndexColumn());
                            after = globalIndex;
                            more = true;
                            if (!gaps.contains(globalIndex)) {
                                String aggregate = rows.getString(schema.aggregateIdentifierColumn());
                                files.get(partitionOf(aggregate)).append(globalIndex, aggregate, rows);
                            }
                        }
                    }
                }
            }
        } finally {
            for (PartitionFile file : files) {
                file.close();
            }
        }
    }

    /** The events of one partition, in ledger order within each project; deserialized as they are read. */
    Stream<TrackedEventMessage<?>> read(int partition) throws IOException {
        Stream<TrackedEventData<?>> stored = PartitionFile.rows(file(partition));
        return EventUtils.upcastAndDeserializeTrackedEvents(stored, serializer, upcasters).onClose(stored::close);
    }

    /** Deletes the partitions' files. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    private int partitionOf(String aggregate) {
        int found = Collections.binarySearch(firstOfPartition, aggregate, Comparator.naturalOrder());
        return found >= 0 ? found : Math.max(0, -found - 2);
    }

    private Path file(int partition) {
        return directory.resolve("partition-" + partition);
    }
}
