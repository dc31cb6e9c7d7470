package io.licenseledger.query.replay;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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
        List<DataOutputStream> files = new ArrayList<>();
        try (Connection connection = ledger.getConnection()) {
            for (int partition = 0; partition < partitions(); partition++) {
                files.add(new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(partition)),
                        1 << 16)));
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
                                write(files.get(partitionOf(aggregate)), globalIndex, aggregate, rows);
                            }
                        }
                    }
                }
            }
        } finally {
            for (DataOutputStream file : files) {
                file.close();
            }
        }
    }

    /** The events of one partition, in ledger order within each project; deserialized as they are read. */
    Stream<TrackedEventMessage<?>> read(int partition) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(partition)), 1 << 16));
        Iterator<TrackedEventData<?>> rows = new Iterator<>() {
            private TrackedEventData<?> next = readRow(in);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public TrackedEventData<?> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                TrackedEventData<?> row = next;
                next = readRow(in);
                return row;
            }
        };
        Stream<TrackedEventData<?>> stored = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false).onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
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

    private void write(DataOutputStream out, long globalIndex, String aggregate, ResultSet row)
            throws IOException, SQLException {
        out.writeLong(globalIndex);
        writeText(out, row.getString(schema.typeColumn()));
        writeText(out, aggregate);
        out.writeLong(row.getLong(schema.sequenceNumberColumn()));
        writeText(out, row.getString(schema.eventIdentifierColumn()));
        writeText(out, row.getString(schema.timestampColumn()));
        writeText(out, row.getString(schema.payloadTypeColumn()));
        writeText(out, row.getString(schema.payloadRevisionColumn()));
        writeBytes(out, row.getBytes(schema.payloadColumn()));
        writeBytes(out, row.getBytes(schema.metaDataColumn()));
    }

    private static TrackedEventData<?> readRow(DataInputStream in) {
        try {
            long globalIndex;
            try {
                globalIndex = in.readLong();
            } catch (EOFException end) {
                return null;
            }
            String type = readText(in);
            String aggregate = readText(in);
            long sequence = in.readLong();
            String eventIdentifier = readText(in);
            String timestamp = readText(in);
            String payloadType = readText(in);
            String payloadRevision = readText(in);
            byte[] payload = readBytes(in);
            byte[] metaData = readBytes(in);
            return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(globalIndex),
                    new GenericDomainEventEntry<>(type, aggregate, sequence, eventIdentifier, timestamp, payloadType,
                            payloadRevision, payload, metaData));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
