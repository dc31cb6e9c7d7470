package io.licenseledger.audit;

import io.licenseledger.licenseformat.Ed25519PrivateKey;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/** A ledger of {@code size} events in two projects, chained, with checkpoints where asked, and its exports. */
final class SampleLedger {

    static final Instant FIRST_TIME = Instant.parse("2026-12-01T09:00:00Z");

    final List<StoredEvent> events = new ArrayList<>();
    final List<byte[]> chainHashes = new ArrayList<>();

    SampleLedger(int size) {
        byte[] hash = LedgerChain.START;
        chainHashes.add(hash);
        for (int position = 1; position <= size; position++) {
            StoredEvent event = event(position);
            events.add(event);
            hash = LedgerChain.next(hash, LedgerChain.digest(event));
            chainHashes.add(hash);
        }
    }

    static StoredEvent event(long position) {
        String project = position % 2 == 0 ? "p-even" : "p-odd";
        return new StoredEvent(position, position + 100, "event-" + position, project, position / 2,
                "io.licenseledger.events.project.UsageRecorded", "1",
                FIRST_TIME.plusSeconds(60 * position).toString(),
                "{\"actor\":\"license-key:ab12\",\"correlationId\":\"c-" + position + "\"}",
                "{\"projectId\":\"" + project + "\",\"units\":" + (position % 7 + 1) + ",\"note\":\"caf\u00e9 \\\"ok\\\"\"}");
    }

    byte[] chainHashAt(long position) {
        return chainHashes.get((int) position);
    }

    Checkpoint checkpointAt(long position, Ed25519PrivateKey key) {
        return Checkpoint.sign(position, chainHashAt(position), FIRST_TIME.plusSeconds(60 * position + 1), false, key);
    }

    /** The export after {@code after} up to {@code last}, with checkpoints signed by {@code key} where asked. */
    String export(long after, long last, ExportFilter filter, LongPredicate checkpointed, Ed25519PrivateKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = new ExportWriter(out);
        writer.start(after, chainHashAt(after), filter);
        if (after > 0 && checkpointed.test(after)) {
            writer.checkpoint(checkpointAt(after, key));
        }
        for (long position = after + 1; position <= last; position++) {
            StoredEvent event = events.get((int) position - 1);
            byte[] digest = LedgerChain.digest(event);
            if (filter.matches(event.aggregateId(), event.time())) {
                writer.event(event, digest, chainHashAt(position));
            } else {
                writer.omitted(position, digest, chainHashAt(position));
            }
            if (checkpointed.test(position)) {
                writer.checkpoint(checkpointAt(position, key));
            }
        }
        writer.end();
        return out.toString(StandardCharsets.UTF_8);
    }
}
