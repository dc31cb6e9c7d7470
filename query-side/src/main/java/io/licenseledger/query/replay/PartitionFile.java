package io.licenseledger.query.replay;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The file of one of a rebuild's {@link LedgerPartitions}: ledger rows as stored (their position, identifiers, time,
 * payload type and the serialized payload and metadata), one after another, written by the scan and read back once.
 */
final class PartitionFile implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final DataOutputStream out;
    private final EventSchema schema;

    PartitionFile(Path file, EventSchema schema) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
        this.schema = schema;
    }

    /** Appends the ledger row at the result's cursor. */
    void append(long globalIndex, String aggregate, ResultSet row) throws IOException, SQLException {
        out.writeLong(globalIndex);
        writeText(row.getString(schema.typeColumn()));
        writeText(aggregate);
        out.writeLong(row.getLong(schema.sequenceNumberColumn()));
        writeText(row.getString(schema.eventIdentifierColumn()));
        writeText(row.getString(schema.timestampColumn()));
        writeText(row.getString(schema.payloadTypeColumn()));
        writeText(row.getString(schema.payloadRevisionColumn()));
        writeBytes(row.getBytes(schema.payloadColumn()));
        writeBytes(row.getBytes(schema.metaDataColumn()));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The rows of the file, in the order they were appended; the stream closes the file. */
    static Stream<TrackedEventData<?>> rows(Path file) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        Iterator<TrackedEventData<?>> rows = new Iterator<>() {
            private TrackedEventData<?> next = read(in);

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
                next = read(in);
                return row;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static TrackedEventData<?> read(DataInputStream in) {
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

    private void writeText(String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private void writeBytes(byte[] bytes) throws IOException {
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
