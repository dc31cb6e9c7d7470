package io.licenseledger.audit;

import io.licenseledger.licenseformat.Base64Url;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import java.io.Flushable;
import java.io.OutputStream;

/**
 * Writes an export ({@value #FORMAT}): NDJSON, one object a line, each with its {@code kind}. A {@code start} line
 * (the position the export follows and the chain hash there, the filter), then per position an {@code event} line (the
 * stored event in full, its digest and the chain hash after it) or an {@code omitted} line (an event outside the
 * filter: its digest and chain hash only), each signed {@code checkpoint} right after the line at its position (or
 * after the start line when it is at the start's position), and an {@code end} line with the last position and the
 * counts: an export without one was cut short. The caller owns and closes the stream.
 */
public final class ExportWriter implements Flushable {

    public static final String FORMAT = "ll-export-1";

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .rootValueSeparator((String) null)
            .build();

    private final JsonGenerator json;
    private long lastPosition;
    private long events;
    private long omitted;
    private long checkpoints;

    public ExportWriter(OutputStream out) {
        this.json = JSON.createGenerator(ObjectWriteContext.empty(), out);
    }

    public void start(long after, byte[] chainHash, ExportFilter filter) {
        lastPosition = after;
        json.writeStartObject();
        json.writeStringProperty("kind", "start");
        json.writeStringProperty("format", FORMAT);
        json.writeNumberProperty("after", after);
        json.writeStringProperty("chainHash", LedgerChain.hex(chainHash));
        if (filter.project() != null) {
            json.writeStringProperty("project", filter.project());
        }
        if (filter.from() != null) {
            json.writeStringProperty("from", filter.from().toString());
        }
        if (filter.to() != null) {
            json.writeStringProperty("to", filter.to().toString());
        }
        endLine();
    }

    public void event(StoredEvent event, byte[] digest, byte[] chainHash) {
        lastPosition = event.position();
        events++;
        json.writeStartObject();
        json.writeStringProperty("kind", "event");
        json.writeNumberProperty("position", event.position());
        json.writeNumberProperty("globalIndex", event.globalIndex());
        json.writeStringProperty("eventId", event.eventId());
        json.writeStringProperty("aggregateId", event.aggregateId());
        json.writeNumberProperty("sequence", event.sequence());
        json.writeStringProperty("type", event.type());
        json.writeStringProperty("revision", event.revision());
        json.writeStringProperty("time", event.time());
        json.writeStringProperty("metadata", event.metadata());
        json.writeStringProperty("payload", event.payload());
        json.writeStringProperty("digest", LedgerChain.hex(digest));
        json.writeStringProperty("chainHash", LedgerChain.hex(chainHash));
        endLine();
    }

    public void omitted(long position, byte[] digest, byte[] chainHash) {
        lastPosition = position;
        omitted++;
        json.writeStartObject();
        json.writeStringProperty("kind", "omitted");
        json.writeNumberProperty("position", position);
        json.writeStringProperty("digest", LedgerChain.hex(digest));
        json.writeStringProperty("chainHash", LedgerChain.hex(chainHash));
        endLine();
    }

    public void checkpoint(Checkpoint checkpoint) {
        checkpoints++;
        json.writeStartObject();
        json.writeStringProperty("kind", "checkpoint");
        json.writeNumberProperty("position", checkpoint.position());
        json.writeStringProperty("chainHash", LedgerChain.hex(checkpoint.chainHash()));
        json.writeStringProperty("signedAt", checkpoint.signedAt().toString());
        json.writeBooleanProperty("genesis", checkpoint.genesis());
        json.writeStringProperty("keyId", checkpoint.keyId());
        json.writeStringProperty("signature", Base64Url.encode(checkpoint.signature()));
        endLine();
    }

    public void end() {
        json.writeStartObject();
        json.writeStringProperty("kind", "end");
        json.writeNumberProperty("position", lastPosition);
        json.writeNumberProperty("events", events);
        json.writeNumberProperty("omitted", omitted);
        json.writeNumberProperty("checkpoints", checkpoints);
        endLine();
        json.flush();
    }

    @Override
    public void flush() {
        json.flush();
    }

    private void endLine() {
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
