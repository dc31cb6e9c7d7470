package io.licenseledger.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void theTableAlignsItsColumnsAndSaysWhichTargetsWereMet() {
        Report report = new Report();
        report.add("authorize", "6,000 authorizations/s", ">= 5,000/s", true, null);
        report.add("replay from a long ledger", "1,000 events/s", ">= 50,000 events/s", false, "bounded by H2");
        report.add("raw store baseline", "900 commits/s", null, null, null);

        String[] lines = report.table().split(System.lineSeparator());

        assertThat(lines[0]).isEqualTo("| scenario                  | figure                 | target             | met? |");
        assertThat(lines[1]).startsWith("| -------------------------");
        assertThat(lines[2]).endsWith("| yes  |");
        assertThat(lines[3]).endsWith("| NO   |");
        assertThat(lines[4]).contains("| -                  | -    |");
        assertThat(lines).contains("  replay from a long ledger: bounded by H2");
    }

    @Test
    void theJsonHoldsTheHeaderTheFiguresAndTheDetails(@TempDir Path directory) {
        Report report = new Report();
        report.add("authorize", "6,000 authorizations/s", ">= 5,000/s", true, null);
        report.detail("authorize", Map.of("throughput", 6000.0));
        Path out = directory.resolve("results.json");

        report.writeJson(out, Map.of("benchmark", "License Ledger"));

        JsonNode json = Http.JSON.readTree(out.toFile());
        assertThat(json.path("benchmark").asString()).isEqualTo("License Ledger");
        assertThat(json.path("figures").path(0).path("met").asBoolean()).isTrue();
        assertThat(json.path("details").path("authorize").path("throughput").asDouble()).isEqualTo(6000.0);
        assertThat(Files.exists(out)).isTrue();
    }

}
