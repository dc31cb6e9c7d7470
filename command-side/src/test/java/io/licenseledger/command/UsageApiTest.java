package io.licenseledger.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The SDK's usage reports over HTTP: a batch recorded once, conflicts, clock skew, malformed reports, times in UTC
 * and the largest batch.
 */
class UsageApiTest extends CommandSideApiFixture {

    @Test
    void usageBatchIsRecordedOnceAndItsRepeatGetsTheFirstAnswer() {
        LicensedProject project = licensedProject();
        Map<String, Object> batch = usageBody(project.licenseKey(), "dev-u", "batch-1",
                List.of(entry(Instant.now().minusSeconds(60).toString(), 40, "scan")));

        HttpResponse<String> first = post("/api/v1/usage", batch);
        long afterFirst = events();
        HttpResponse<String> repeat = post("/api/v1/usage", batch);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first)).isEqualTo(JSON.readTree("""
                {"batchId":"batch-1","duplicate":false,"state":"OK","unitsRecorded":40,"unitsRemaining":1060}"""));
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(json(repeat)).isEqualTo(JSON.readTree("""
                {"batchId":"batch-1","duplicate":true,"state":"OK","unitsRecorded":40,"unitsRemaining":1060}"""));
        assertThat(events()).isEqualTo(afterFirst);
    }

    @Test
    void otherEntriesUnderAUsedBatchIdAreRefusedAsBatchConflictAndNothingIsRecorded() {
        LicensedProject project = licensedProject();
        String at = Instant.now().minusSeconds(60).toString();
        assertThat(post("/api/v1/usage", usageBody(project.licenseKey(), "dev-u", "batch-1",
                List.of(entry(at, 40, null)))).statusCode()).isEqualTo(200);
        long before = events();

        HttpResponse<String> conflict = post("/api/v1/usage", usageBody(project.licenseKey(), "dev-u", "batch-1",
                List.of(entry(at, 41, null))));

        assertProblem(conflict, 409, "BATCH_CONFLICT");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void sameBatchIdFromAnotherDeviceIsAnotherBatch() {
        LicensedProject project = licensedProject();
        String at = Instant.now().minusSeconds(60).toString();
        post("/api/v1/usage", usageBody(project.licenseKey(), "dev-a", "batch-1", List.of(entry(at, 40, null))));

        HttpResponse<String> other = post("/api/v1/usage", usageBody(project.licenseKey(), "dev-b", "batch-1",
                List.of(entry(at, 41, null))));

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(json(other).get("duplicate").asBoolean()).isFalse();
        assertThat(json(other).get("unitsRemaining").asLong()).isEqualTo(1100 - 81);
    }

    @Test
    void usageDatedAheadOfTheServerIsRefusedAsClockSkewAndNothingIsRecorded() {
        long before = events();

        HttpResponse<String> response = post("/api/v1/usage", usageBody(shared().licenseKey(), "dev-skew", "batch-1",
                List.of(entry(Instant.now().plus(Duration.ofMinutes(10)).toString(), 1, null))));

        assertProblem(response, 400, "CLOCK_SKEW");
        assertThat(json(response).get("detail").asString()).contains("entries[0].at");
        assertThat(events()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM usage_batch WHERE project_id = ?", Long.class,
                shared().projectId())).isZero();
    }

    /** Bodies with a valid license key ({@value #KEY} stands for it), each spoiled in one place. */
    static Stream<Arguments> malformedUsageReports() {
        String key = KEY;
        String at = Instant.now().minusSeconds(60).toString();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(entry(at, 1, null));
        }
        return Stream.of(
                arguments("bad JSON", "{\"licenseKey\": \"" + key + "\", \"deviceId\": ", "JSON"),
                arguments("JSON after the body", JSON.writeValueAsString(usageBody(key, "d", "b",
                        List.of(entry(at, 1, null)))) + " {}", "JSON"),
                arguments("units as text", usage(key, "dev-1", "b-1", entryJson(at, "\"abc\"")), "units"),
                arguments("fractional units", usage(key, "dev-1", "b-1", entryJson(at, "1.5")), "units"),
                arguments("units 0", usage(key, "dev-1", "b-1", entryJson(at, "0")), "units"),
                arguments("negative units", usage(key, "dev-1", "b-1", entryJson(at, "-3")), "units"),
                arguments("units missing", usage(key, "dev-1", "b-1", "{\"at\":\"" + at + "\"}"), "units"),
                arguments("deviceId as a number", "{\"licenseKey\":\"" + key + "\",\"deviceId\":42,"
                        + "\"batchId\":\"b-1\",\"entries\":[" + entryJson(at, "1") + "]}", "deviceId"),
                arguments("deviceId missing", "{\"licenseKey\":\"" + key + "\",\"batchId\":\"b-1\",\"entries\":["
                        + entryJson(at, "1") + "]}", "deviceId"),
                arguments("deviceId with a space", usage(key, "dev 1", "b-1", entryJson(at, "1")), "deviceId"),
                arguments("deviceId of 129 characters", usage(key, "d".repeat(129), "b-1", entryJson(at, "1")),
                        "deviceId"),
                arguments("batchId with a slash", usage(key, "dev-1", "b/1", entryJson(at, "1")), "batchId"),
                arguments("feature of 129 characters", JSON.writeValueAsString(usageBody(key, "dev-1", "b-1",
                        List.of(entry(at, 1, "f".repeat(129))))), "feature"),
                arguments("no entries", JSON.writeValueAsString(usageBody(key, "dev-1", "b-1", List.of())),
                        "entries"),
                arguments("entries missing", "{\"licenseKey\":\"" + key + "\",\"deviceId\":\"dev-1\","
                        + "\"batchId\":\"b-1\"}", "entries"),
                arguments("10,001 entries", JSON.writeValueAsString(usageBody(key, "dev-1", "b-1", tooMany)),
                        "entries"),
                arguments("a null entry", usage(key, "dev-1", "b-1", "null"), "entries[0]"),
                arguments("at missing", usage(key, "dev-1", "b-1", "{\"units\":1}"), "at"),
                arguments("at not ISO-8601", usage(key, "dev-1", "b-1", entryJson("yesterday noon", "1")), "at"),
                arguments("at without zone", usage(key, "dev-1", "b-1", entryJson("2026-03-01T10:00:00", "1")),
                        "at"),
                arguments("licenseKey missing", "{\"deviceId\":\"dev-1\",\"batchId\":\"b-1\",\"entries\":["
                        + entryJson(at, "1") + "]}", "licenseKey"),
                arguments("units of Long.MAX_VALUE", usage(key, "dev-1", "b-1", entryJson(at, "9223372036854775807")),
                        "units"),
                arguments("units beyond long", usage(key, "dev-1", "b-1", entryJson(at, "18446744073709551614")),
                        "units"),
                arguments("units beyond long, negative", usage(key, "dev-1", "b-1",
                        entryJson(at, "-18446744073709551614")), "units"),
                arguments("units one over the maximum", usage(key, "dev-1", "b-1", entryJson(at, "1000000001")),
                        "units"),
                arguments("units with an exponent", usage(key, "dev-1", "b-1", entryJson(at, "1e3")), "units"),
                arguments("units as 1.0", usage(key, "dev-1", "b-1", entryJson(at, "1.0")), "units"),
                arguments("units as a numeric string", usage(key, "dev-1", "b-1", entryJson(at, "\"5\"")), "units"),
                arguments("at in year 1", usage(key, "dev-1", "b-1", entryJson("0001-01-01T00:00:00Z", "1")),
                        "entries[0].at"),
                arguments("at in year -1000000000", usage(key, "dev-1", "b-1",
                        entryJson("-1000000000-01-01T00:00:00Z", "1")), "entries[0].at"),
                arguments("at before the project's items start", usage(key, "dev-1", "b-1",
                        entryJson(Instant.now().minus(Duration.ofDays(3)).toString(), "1")), "entries[0].at"),
                arguments("at as epoch milliseconds", usage(key, "dev-1", "b-1",
                        "{\"at\":" + Instant.now().toEpochMilli() + ",\"units\":1}"), "at"),
                arguments("at as a date without time", usage(key, "dev-1", "b-1", entryJson("2026-03-01", "1")), "at"),
                arguments("at with ten fractional digits", usage(key, "dev-1", "b-1",
                        entryJson(at.replace("Z", "").replaceAll("\\.\\d*$", "") + ".0123456789Z", "1")), "at"),
                arguments("at past Instant.MAX", usage(key, "dev-1", "b-1",
                        entryJson("+1000000001-01-01T00:00:00Z", "1")), "at"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUsageReports")
    void malformedUsageReportIsRefusedNamingTheFieldAndNothingIsRecorded(String name, String body, String field) {
        assertThat(validationFailureDetail("/api/v1/usage", body)).contains(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z"})
    void usageDatedAtTheFarthestFutureJsonCanSayIsRefusedAsClockSkewAndNothingIsRecorded(String at) {
        refusedRecordingNothing(() -> post("/api/v1/usage", usage(shared().licenseKey(), "dev-far", "b-far",
                entryJson(at, "1"))), 400, "CLOCK_SKEW");
    }

    @Test
    void usageTimesWithAnOffsetOrALeapSecondAreRecordedInUtc() {
        LicensedProject project = licensedProject();
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        // Formatted, not toString(), which leaves the seconds out when they are zero (once a minute).
        String withOffset = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(hourAgo.atOffset(java.time.ZoneOffset.ofHours(2)));
        Instant endOfYesterday = Instant.now().truncatedTo(ChronoUnit.DAYS).minusSeconds(1);
        String leapSecond = endOfYesterday.toString().replace(":59:59Z", ":59:60Z");

        HttpResponse<String> response = post("/api/v1/usage", "{\"licenseKey\":\"" + project.licenseKey()
                + "\",\"deviceId\":\"dev-tz\",\"batchId\":\"b-tz\",\"entries\":[" + entryJson(withOffset, "2")
                + "," + entryJson(leapSecond, "3") + "]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode recorded = payloadsOf(project.projectId()).stream()
                .filter(payload -> payload.has("allocations")).findFirst().orElseThrow();
        assertThat(recorded.get("allocations").valueStream().map(allocation -> allocation.get("at").asString()))
                .containsExactly(hourAgo.toString(), endOfYesterday.toString());
    }

    @Test
    void maximalBatchIsRecordedWithItsExactSumAndTheProjectIsExhausted() {
        LicensedProject project = licensedProject();
        String at = Instant.now().minusSeconds(60).toString();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(entry(at, 1_000_000_000L, null));
        }

        HttpResponse<String> response = post("/api/v1/usage", usageBody(project.licenseKey(), "dev-max", "b-max",
                entries));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("unitsRecorded").asLong()).isEqualTo(10_000_000_000_000L);
        assertThat(json(response).get("state").asString()).isEqualTo("EXHAUSTED");
        assertThat(json(response).get("unitsRemaining").asLong()).isZero();
    }
}
