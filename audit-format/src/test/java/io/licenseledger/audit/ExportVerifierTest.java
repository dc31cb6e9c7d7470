package io.licenseledger.audit;

import io.licenseledger.audit.VerificationReport.Failure;
import io.licenseledger.licenseformat.Base64Url;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

import static io.licenseledger.audit.testing.ExportLines.checkpointLine;
import static io.licenseledger.audit.testing.ExportLines.eventLine;
import static io.licenseledger.audit.testing.ExportLines.indexOfPosition;
import static io.licenseledger.audit.testing.ExportLines.lines;
import static io.licenseledger.audit.testing.ExportLines.node;
import static io.licenseledger.audit.testing.ExportLines.rehash;
import static org.assertj.core.api.Assertions.assertThat;

class ExportVerifierTest {

    private static final Ed25519PrivateKey LEDGER_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final Ed25519PrivateKey OTHER_KEY = Ed25519PrivateKey.generate(new SecureRandom());
    private static final SampleLedger LEDGER = new SampleLedger(100);
    /** Checkpoints at 25, 50 and 75; the last 25 events are not signed yet. */
    private static final String EXPORT = LEDGER.export(0, 100, ExportFilter.NONE, position -> position % 25 == 0
            && position < 100, LEDGER_KEY);

    private final ExportVerifier verifier = new ExportVerifier(List.of(LEDGER_KEY.publicKey()));

    @Test
    void anIntactExportVerifiesWithItsCountsAndItsLastSignedPosition() {
        VerificationReport report = verify(EXPORT);

        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.position()).isEqualTo(100);
        assertThat(report.events()).isEqualTo(100);
        assertThat(report.omitted()).isZero();
        assertThat(report.checkpoints()).isEqualTo(3);
        assertThat(report.lastSignedPosition()).isEqualTo(75);
        assertThat(report.unsignedPositions()).isEqualTo(25);
    }

    @Test
    void aFilteredExportShowsItsEventsAndVerifiesThroughTheOmittedOnes() {
        String export = LEDGER.export(0, 100, new ExportFilter("p-even", null, null), position -> position == 100,
                LEDGER_KEY);

        VerificationReport report = verify(export);

        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.events()).isEqualTo(50);
        assertThat(report.omitted()).isEqualTo(50);
        assertThat(report.unsignedPositions()).isZero();
        assertThat(export).doesNotContain("p-odd");
    }

    @Test
    void anExportResumedAfterAPositionVerifiesFromTheChainHashThere() {
        VerificationReport report = verify(LEDGER.export(50, 100, ExportFilter.NONE, position -> position == 50,
                LEDGER_KEY));

        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.after()).isEqualTo(50);
        assertThat(report.events()).isEqualTo(50);
        assertThat(report.lastSignedPosition()).isEqualTo(50);
    }

    @Test
    void anExportCutShortAndResumedAfterItsLastCompleteLineVerifiesAsOne() {
        List<String> lines = lines(EXPORT);
        String cut = String.join("", lines.subList(0, indexOfPosition(lines, 60) + 1));
        String rest = LEDGER.export(60, 100, ExportFilter.NONE, position -> position % 25 == 0 && position < 100,
                LEDGER_KEY);

        VerificationReport report = verify(cut + rest);

        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.events()).isEqualTo(100);
        assertThat(report.checkpoints()).isEqualTo(3);
        assertThat(report.lastSignedPosition()).isEqualTo(75);
    }

    @Test
    void aResumedExportThatDoesNotContinueWhereTheCutOneStoppedIsRefused() {
        List<String> lines = lines(EXPORT);
        String cut = String.join("", lines.subList(0, indexOfPosition(lines, 60) + 1));

        assertFailure(verify(cut + LEDGER.export(55, 100, ExportFilter.NONE, position -> false, LEDGER_KEY)),
                Failure.OUT_OF_ORDER, 61);
        List<String> rest = lines(LEDGER.export(60, 100, ExportFilter.NONE, position -> false, LEDGER_KEY));
        rest.set(0, node(rest.get(0)).put("chainHash", LedgerChain.hex(LEDGER.chainHashAt(59))) + "\n");
        assertFailure(verify(cut + String.join("", rest)), Failure.BROKEN_CHAIN, 61);
    }

    @Test
    void aGzippedExportVerifies() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(EXPORT.getBytes(StandardCharsets.UTF_8));
        }

        VerificationReport report = verifier.verify(new ByteArrayInputStream(zipped.toByteArray()));

        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.events()).isEqualTo(100);
    }

    @Test
    void anAlteredPayloadIsFoundAtItsPosition() {
        String export = editEvent(EXPORT, 37, line -> line.put("payload", line.get("payload").asString()
                .replace("\"units\":3", "\"units\":30")));

        assertFailure(verify(export), Failure.ALTERED, 37);
    }

    @Test
    void anAlteredTimeIsFoundAtItsPosition() {
        String export = editEvent(EXPORT, 12, line -> line.put("time", "2026-11-30T09:00:00Z"));

        assertFailure(verify(export), Failure.ALTERED, 12);
    }

    @Test
    void anAlteredActorIsFoundAtItsPosition() {
        String export = editEvent(EXPORT, 90, line -> line.put("metadata", line.get("metadata").asString()
                .replace("license-key:ab12", "admin:someone-else")));

        assertFailure(verify(export), Failure.ALTERED, 90);
    }

    @Test
    void anInsertedEventIsFoundWhereItComesIn() {
        List<String> lines = lines(EXPORT);
        StoredEvent forged = new StoredEvent(41, 999, "forged", "p-odd", 99, SampleLedger.event(41).type(), "1",
                SampleLedger.event(41).time(), SampleLedger.event(41).metadata(), "{\"units\":1000}");
        byte[] digest = LedgerChain.digest(forged);
        lines.add(indexOfPosition(lines, 41), eventLine(forged, digest, LedgerChain.next(LEDGER.chainHashAt(40), digest)));

        assertFailure(verify(String.join("", lines)), Failure.OUT_OF_ORDER, 42);
    }

    @Test
    void anInsertedEventWithTheFollowingOnesRenumberedIsFoundAtTheFirstRenumberedOne() {
        List<String> lines = lines(EXPORT);
        for (int i = indexOfPosition(lines, 41); i < lines.size(); i++) {
            ObjectNode line = node(lines.get(i));
            if (line.has("position")) {
                line.put("position", line.get("position").asLong() + 1);
                lines.set(i, line + "\n");
            }
        }
        StoredEvent forged = new StoredEvent(41, 999, "forged", "p-odd", 99, "t", "1", "2026-12-01T10:00:00Z", null, "{}");
        byte[] digest = LedgerChain.digest(forged);
        lines.add(indexOfPosition(lines, 42), eventLine(forged, digest, LedgerChain.next(LEDGER.chainHashAt(40), digest)));

        assertFailure(verify(String.join("", lines)), Failure.ALTERED, 42);
    }

    @Test
    void aRemovedEventIsFoundAtItsPosition() {
        List<String> lines = lines(EXPORT);
        lines.remove(indexOfPosition(lines, 40));

        VerificationReport report = verify(String.join("", lines));

        assertFailure(report, Failure.OUT_OF_ORDER, 40);
        assertThat(report.reason()).contains("missing");
    }

    @Test
    void twoSwappedEventsAreFoundAtTheFirstOfThem() {
        List<String> lines = lines(EXPORT);
        int first = indexOfPosition(lines, 30);
        String swapped = lines.get(first);
        lines.set(first, lines.get(first + 1));
        lines.set(first + 1, swapped);

        assertFailure(verify(String.join("", lines)), Failure.OUT_OF_ORDER, 30);
    }

    @Test
    void aTailCutBeforeTheLastCheckpointIsFoundAsTruncated() {
        List<String> lines = lines(EXPORT);
        String cut = String.join("", lines.subList(0, indexOfPosition(lines, 60) + 1));

        assertFailure(verify(cut), Failure.TRUNCATED, 61);
    }

    @Test
    void anExportCutInsideALineIsFoundAsTruncated() {
        List<String> lines = lines(EXPORT);
        String cut = String.join("", lines.subList(0, indexOfPosition(lines, 60))) + lines.get(indexOfPosition(lines, 60))
                .substring(0, 40);

        assertFailure(verify(cut), Failure.TRUNCATED, 60);
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsForged() {
        List<String> lines = lines(EXPORT);
        int index = indexOfPosition(lines, 50) + 1;
        lines.set(index, checkpointLine(LEDGER.checkpointAt(50, OTHER_KEY)));

        assertFailure(verify(String.join("", lines)), Failure.FORGED_CHECKPOINT, 50);
    }

    @Test
    void aCheckpointSignedByAnotherKeyUnderTheLedgerKeysIdIsForged() {
        List<String> lines = lines(EXPORT);
        int index = indexOfPosition(lines, 50) + 1;
        ObjectNode forged = node(checkpointLine(LEDGER.checkpointAt(50, OTHER_KEY)));
        forged.put("keyId", LEDGER_KEY.keyId());
        lines.set(index, forged + "\n");

        assertFailure(verify(String.join("", lines)), Failure.FORGED_CHECKPOINT, 50);
    }

    @Test
    void anAlteredCheckpointIsForged() {
        for (UnaryOperator<ObjectNode> alteration : List.<UnaryOperator<ObjectNode>>of(
                line -> line.put("signedAt", "2026-12-01T09:50:02Z"),
                line -> line.put("genesis", true),
                line -> line.put("chainHash", LedgerChain.hex(LEDGER.chainHashAt(49))),
                line -> line.put("signature", Base64Url.encode(new byte[64])))) {
            List<String> lines = lines(EXPORT);
            int index = indexOfPosition(lines, 50) + 1;
            lines.set(index, alteration.apply(node(lines.get(index))) + "\n");

            assertFailure(verify(String.join("", lines)), Failure.FORGED_CHECKPOINT, 50);
        }
    }

    @Test
    void anAttackerWhoRecomputesDigestsAndHashesAfterAlteringAPayloadIsCaughtAtTheNextCheckpoint() {
        List<String> lines = lines(EXPORT);
        int altered = indexOfPosition(lines, 30);
        lines.set(altered, node(lines.get(altered)).put("payload", "{\"units\":1}") + "\n");
        rehash(lines, altered);

        VerificationReport report = verify(String.join("", lines));

        assertFailure(report, Failure.CHECKPOINT_MISMATCH, 50);
        assertThat(report.reason()).contains("after position 25 and up to 50");
        assertThat(report.lastSignedPosition()).isEqualTo(25);
    }

    @Test
    void aRemovedCheckpointLeavesTheEndLineWrong() {
        List<String> lines = lines(EXPORT);
        lines.remove(indexOfPosition(lines, 75) + 1);

        assertFailure(verify(String.join("", lines)), Failure.BAD_END, 100);
    }

    @Test
    void aCheckpointMovedToAnotherPositionIsOutOfOrder() {
        List<String> lines = lines(EXPORT);
        String checkpoint = lines.remove(indexOfPosition(lines, 50) + 1);
        lines.add(indexOfPosition(lines, 52) + 1, checkpoint);

        assertFailure(verify(String.join("", lines)), Failure.OUT_OF_ORDER, 53);
    }

    @Test
    void anAlteredOmittedDigestBreaksTheChain() {
        String export = LEDGER.export(0, 100, new ExportFilter("p-even", null, null), position -> false, LEDGER_KEY);
        List<String> lines = lines(export);
        int index = indexOfPosition(lines, 33);
        lines.set(index, node(lines.get(index)).put("digest", LedgerChain.hex(new byte[32])) + "\n");

        assertFailure(verify(String.join("", lines)), Failure.BROKEN_CHAIN, 33);
    }

    @Test
    void anExportOfTheWholeChainMustStartFromTheZeroHash() {
        List<String> lines = lines(EXPORT);
        lines.set(0, node(lines.get(0)).put("chainHash", LedgerChain.hex(LEDGER.chainHashAt(1))) + "\n");

        assertFailure(verify(String.join("", lines)), Failure.BROKEN_CHAIN, 1);
    }

    @Test
    void linesThatAreNotAnExportAreMalformed() {
        assertFailure(verify(""), Failure.MALFORMED, 1);
        assertFailure(verify("hello\n"), Failure.MALFORMED, 1);
        assertFailure(verify("{\"kind\":\"event\",\"position\":1}\n"), Failure.MALFORMED, 1);
        assertFailure(verify("{\"kind\":\"start\",\"format\":\"other\",\"after\":0}\n"), Failure.MALFORMED, 1);
        List<String> lines = lines(EXPORT);
        int index = indexOfPosition(lines, 5);
        lines.set(index, node(lines.get(index)).put("position", "5") + "\n");
        assertFailure(verify(String.join("", lines)), Failure.MALFORMED, 5);
    }

    @Test
    void linesAfterTheEndLineAreRefused() {
        assertFailure(verify(EXPORT + lines(EXPORT).get(3)), Failure.BAD_END, 100);
    }

    private VerificationReport verify(String export) {
        return verifier.verify(new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertFailure(VerificationReport report, Failure failure, long position) {
        assertThat(report.failure()).as(report.reason()).isEqualTo(failure);
        assertThat(report.position()).as(report.reason()).isEqualTo(position);
        assertThat(report.intact()).isFalse();
    }

    private static String editEvent(String export, long position, UnaryOperator<ObjectNode> edit) {
        List<String> lines = lines(export);
        int index = indexOfPosition(lines, position);
        lines.set(index, edit.apply(node(lines.get(index))) + "\n");
        return String.join("", lines);
    }

    @Test
    void anUnknownMemberIsIgnoredAndAnArrayWhereAValueBelongsIsMalformed() {
        List<String> lines = lines(EXPORT);
        int index = indexOfPosition(lines, 5);
        ObjectNode extra = node(lines.get(index));
        extra.putArray("annotations").add("seen");
        lines.set(index, extra + "\n");
        assertThat(verify(String.join("", lines)).intact()).isTrue();

        ObjectNode wrong = node(lines.get(index));
        wrong.putArray("payload");
        lines.set(index, wrong + "\n");
        assertFailure(verify(String.join("", lines)), Failure.MALFORMED, 5);
    }
}
