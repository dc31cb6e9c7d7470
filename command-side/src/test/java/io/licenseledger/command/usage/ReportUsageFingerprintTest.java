package io.licenseledger.command.usage;

import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.Feature;
import io.licenseledger.events.ProjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportUsageFingerprintTest {

    private static final ProjectId PROJECT = new ProjectId("prj-1");
    private static final Instant SERVER_TIME = Instant.parse("2026-03-01T12:00:00Z");
    private static final ReportUsage.Entry FIRST = new ReportUsage.Entry(Instant.parse("2026-03-01T10:00:00Z"), 3,
            new Feature("scan"));
    private static final ReportUsage.Entry SECOND = new ReportUsage.Entry(Instant.parse("2026-03-01T11:00:00Z"), 4,
            null);

    @Test
    void sameBatchHasTheSameFingerprintEvenWhenSentAtAnotherTime() {
        String first = batch("dev-1", "b-1", List.of(FIRST, SECOND), SERVER_TIME).fingerprint();
        String resent = batch("dev-1", "b-1", List.of(
                new ReportUsage.Entry(Instant.parse("2026-03-01T10:00:00Z"), 3, new Feature("scan")),
                new ReportUsage.Entry(Instant.parse("2026-03-01T11:00:00Z"), 4, null)),
                SERVER_TIME.plusSeconds(3600)).fingerprint();

        assertThat(resent).isEqualTo(first).matches("[0-9a-f]{64}");
    }

    @Test
    void fingerprintDependsOnTheOrderOfEntries() {
        assertThat(batch("dev-1", "b-1", List.of(SECOND, FIRST), SERVER_TIME).fingerprint())
                .isNotEqualTo(batch("dev-1", "b-1", List.of(FIRST, SECOND), SERVER_TIME).fingerprint());
    }

    @Test
    void fingerprintDependsOnEveryPartOfAnEntry() {
        String original = batch("dev-1", "b-1", List.of(FIRST), SERVER_TIME).fingerprint();

        assertThat(List.of(
                new ReportUsage.Entry(FIRST.at().plusMillis(1), 3, new Feature("scan")),
                new ReportUsage.Entry(FIRST.at(), 4, new Feature("scan")),
                new ReportUsage.Entry(FIRST.at(), 3, new Feature("print")),
                new ReportUsage.Entry(FIRST.at(), 3, null)))
                .extracting(changed -> batch("dev-1", "b-1", List.of(changed), SERVER_TIME).fingerprint())
                .doesNotHaveDuplicates()
                .doesNotContain(original);
    }

    @Test
    void fingerprintDependsOnTheDeviceTheBatchIdAndTheNumberOfEntries() {
        String original = batch("dev-1", "b-1", List.of(FIRST), SERVER_TIME).fingerprint();

        assertThat(List.of(
                batch("dev-2", "b-1", List.of(FIRST), SERVER_TIME),
                batch("dev-1", "b-2", List.of(FIRST), SERVER_TIME),
                batch("dev-1", "b-1", List.of(FIRST, FIRST), SERVER_TIME)))
                .extracting(ReportUsage::fingerprint)
                .doesNotHaveDuplicates()
                .doesNotContain(original);
    }

    private static ReportUsage batch(String deviceId, String batchId, List<ReportUsage.Entry> entries, Instant at) {
        return new ReportUsage(PROJECT, new DeviceId(deviceId), new BatchId(batchId), entries, at);
    }
}
