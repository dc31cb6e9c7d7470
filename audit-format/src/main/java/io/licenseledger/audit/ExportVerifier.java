package io.licenseledger.audit;

import io.licenseledger.audit.VerificationReport.Failure;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PublicKey;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Verifies an export ({@link ExportWriter}) offline, in one pass and constant memory: recomputes every event's digest
 * from its fields and the chain from the start line's hash, checks each line's digest and chain hash against the
 * recomputed ones, the positions consecutive, each checkpoint's signature by a trusted ledger key and its hash against
 * the recomputed chain at its position, and the end line. Stops at the first failure. Reads gzip or plain NDJSON. An
 * export cut short may have the export resumed after its last complete line appended (start line included).
 */
public final class ExportVerifier {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private static final int BUFFER = 1 << 16;

    private final Map<String, Ed25519PublicKey> trustedKeys = new HashMap<>();

    public ExportVerifier(Collection<Ed25519PublicKey> trustedLedgerKeys) {
        trustedLedgerKeys.forEach(key -> trustedKeys.put(key.keyId(), key));
    }

    public VerificationReport verify(InputStream export) {
        Run run = new Run();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), decompressed(export))) {
            ExportLine line = new ExportLine();
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (run.ended) {
                    return run.fail(Failure.BAD_END, run.position, "lines follow the end line");
                }
                if (token != JsonToken.START_OBJECT || !line.read(parser)) {
                    return run.fail(Failure.MALFORMED, run.position + 1,
                            "line " + parser.currentLocation().getLineNr() + " is not an export line");
                }
                VerificationReport failure = run.accept(line);
                if (failure != null) {
                    return failure;
                }
            }
        } catch (UnexpectedEndOfInputException e) {
            return run.truncated();
        } catch (JacksonException e) {
            if (e.getCause() instanceof EOFException) {
                return run.truncated();
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            return run.fail(Failure.MALFORMED, run.position + 1, "the export is not NDJSON after position "
                    + run.position + " (line " + e.getLocation().getLineNr() + ")");
        } catch (EOFException e) {
            return run.truncated();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!run.started) {
            return run.fail(Failure.MALFORMED, 1, "the export is empty");
        }
        return run.ended ? run.report() : run.truncated();
    }

    private static InputStream decompressed(InputStream export) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(export, BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    private final class Run {

        private boolean started;
        private boolean ended;
        private long after;
        private long position;
        private byte[] chainHash;
        private long events;
        private long omitted;
        private long checkpoints;
        private long partEvents;
        private long partOmitted;
        private long partCheckpoints;
        private long lastSigned = -1;

        VerificationReport accept(ExportLine line) {
            if (!started && !"start".equals(line.kind)) {
                return fail(Failure.MALFORMED, 1, "the export does not begin with its start line");
            }
            return switch (line.kind == null ? "" : line.kind) {
                case "start" -> start(line);
                case "event" -> event(line);
                case "omitted" -> omitted(line);
                case "checkpoint" -> checkpoint(line);
                case "end" -> end(line);
                default -> fail(Failure.MALFORMED, position + 1, "a line of unknown kind after position " + position);
            };
        }

        private VerificationReport start(ExportLine line) {
            if (!ExportWriter.FORMAT.equals(line.format) || line.after == null || line.after < 0) {
                return fail(Failure.MALFORMED, position + 1, "not an " + ExportWriter.FORMAT + " export");
            }
            byte[] startHash = ExportLine.hash(line.chainHash);
            if (startHash == null) {
                return fail(Failure.MALFORMED, line.after + 1, "a start line without a valid chain hash");
            }
            if (started) {
                return resume(line.after, startHash);
            }
            started = true;
            after = line.after;
            position = after;
            chainHash = startHash;
            if (after == 0 && !Arrays.equals(chainHash, LedgerChain.START)) {
                return fail(Failure.BROKEN_CHAIN, 1, "an export from the first event must start from the zero hash");
            }
            return null;
        }

        /**
         * The start line of an export resumed after a dropped connection, appended to the complete lines received
         * before: it must continue at the position and chain hash reached; its end line counts its own lines.
         */
        private VerificationReport resume(long resumedAfter, byte[] startHash) {
            if (resumedAfter != position) {
                return fail(Failure.OUT_OF_ORDER, position + 1, "an export resumed after position " + resumedAfter
                        + " appended after position " + position);
            }
            if (!Arrays.equals(startHash, chainHash)) {
                return fail(Failure.BROKEN_CHAIN, position + 1, "an export resumed after position " + position
                        + " from another chain hash than the one reached there");
            }
            partEvents = partOmitted = partCheckpoints = 0;
            return null;
        }

        private VerificationReport event(ExportLine line) {
            VerificationReport misplaced = nextPosition(line);
            if (misplaced != null) {
                return misplaced;
            }
            if (line.globalIndex == null || line.sequence == null) {
                return fail(Failure.MALFORMED, line.position, "the event at position " + line.position
                        + " lacks its global index or sequence");
            }
            byte[] digest = LedgerChain.digest(new StoredEvent(line.position, line.globalIndex, line.eventId,
                    line.aggregateId, line.sequence, line.type, line.revision, line.time, line.metadata, line.payload));
            if (!Arrays.equals(digest, ExportLine.hash(line.digest))) {
                return fail(Failure.ALTERED, line.position, "the event at position " + line.position
                        + " does not match its digest: a field (payload, time, metadata such as the actor, ...) changed");
            }
            events++;
            partEvents++;
            return chain(line, digest);
        }

        private VerificationReport omitted(ExportLine line) {
            VerificationReport misplaced = nextPosition(line);
            if (misplaced != null) {
                return misplaced;
            }
            byte[] digest = ExportLine.hash(line.digest);
            if (digest == null) {
                return fail(Failure.MALFORMED, line.position, "the omitted event at position " + line.position
                        + " has no valid digest");
            }
            omitted++;
            partOmitted++;
            return chain(line, digest);
        }

        private VerificationReport nextPosition(ExportLine line) {
            if (line.position == null) {
                return fail(Failure.MALFORMED, position + 1, "a line without a position after position " + position);
            }
            long expected = position + 1;
            if (line.position == expected) {
                return null;
            }
            return fail(Failure.OUT_OF_ORDER, expected, line.position < expected
                    ? "position " + line.position + " comes again after position " + position
                    + ": an event inserted, repeated or moved"
                    : "position " + expected + (line.position > expected + 1 ? " to " + (line.position - 1) : "")
                    + " missing before position " + line.position + ": an event removed or moved");
        }

        private VerificationReport chain(ExportLine line, byte[] digest) {
            byte[] next = LedgerChain.next(chainHash, digest);
            if (!Arrays.equals(next, ExportLine.hash(line.chainHash))) {
                return fail(Failure.BROKEN_CHAIN, line.position, "the chain hash at position " + line.position
                        + " does not follow from the one before: an event inserted, removed or moved, or altered"
                        + " and its digest recomputed");
            }
            chainHash = next;
            position = line.position;
            return null;
        }

        private VerificationReport checkpoint(ExportLine line) {
            if (line.position == null || line.position != position) {
                return fail(Failure.OUT_OF_ORDER, position + 1, "a checkpoint for position " + line.position
                        + " placed after position " + position);
            }
            Checkpoint checkpoint = checkpointOf(line);
            if (checkpoint == null) {
                return fail(Failure.MALFORMED, position, "the checkpoint at position " + position + " is incomplete");
            }
            Ed25519PublicKey key = trustedKeys.get(checkpoint.keyId());
            if (key == null) {
                return fail(Failure.FORGED_CHECKPOINT, position, "the checkpoint at position " + position
                        + " names key " + checkpoint.keyId() + ", which is not a trusted ledger key");
            }
            if (!checkpoint.isSignedBy(key)) {
                return fail(Failure.FORGED_CHECKPOINT, position, "the checkpoint at position " + position
                        + " is not signed by ledger key " + key.keyId() + ": forged or altered");
            }
            if (!Arrays.equals(checkpoint.chainHash(), chainHash)) {
                return fail(Failure.CHECKPOINT_MISMATCH, position, "the chain recomputed up to position " + position
                        + " differs from the one the ledger signed there: an event after position "
                        + (lastSigned < 0 ? after : lastSigned) + " and up to " + position + " was rewritten");
            }
            checkpoints += lastSigned == position ? 0 : 1;
            partCheckpoints++;
            lastSigned = position;
            return null;
        }

        private static Checkpoint checkpointOf(ExportLine line) {
            byte[] hash = ExportLine.hash(line.chainHash);
            if (hash == null || line.signedAt == null || line.genesis == null || line.keyId == null
                    || line.signature == null) {
                return null;
            }
            try {
                return new Checkpoint(line.position, hash, Instant.parse(line.signedAt), line.genesis, line.keyId,
                        Base64Url.decode(line.signature, "signature"));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return null;
            }
        }

        private VerificationReport end(ExportLine line) {
            if (line.position == null || line.position != position || line.events == null
                    || line.events != partEvents || line.omitted == null || line.omitted != partOmitted
                    || line.checkpoints == null || line.checkpoints != partCheckpoints) {
                return fail(Failure.BAD_END, position, "the end line says position " + line.position + ", "
                        + line.events + " events, " + line.omitted + " omitted, " + line.checkpoints
                        + " checkpoints; the export has position " + position + ", " + partEvents + " events, "
                        + partOmitted + " omitted, " + partCheckpoints + " checkpoints");
            }
            ended = true;
            return null;
        }

        VerificationReport truncated() {
            return fail(Failure.TRUNCATED, position + 1, "the export stops after position " + position
                    + " without its end line: it was cut short");
        }

        VerificationReport fail(Failure failure, long at, String reason) {
            return new VerificationReport(failure, at, reason, after, events, omitted, checkpoints, lastSigned);
        }

        VerificationReport report() {
            return new VerificationReport(null, position, "intact", after, events, omitted, checkpoints, lastSigned);
        }
    }

}
