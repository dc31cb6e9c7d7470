package io.licenseledger.e2e;

import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import io.licenseledger.service.testing.RawHttp;
import tools.jackson.databind.JsonNode;

import java.net.URI;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of both real services over HTTP: every operation of their OpenAPI documents (plus the hidden
 * admin ones) with hostile paths, methods, tokens, content types and bodies. Whatever arrives, the answer is never a
 * 5xx, every error is problem+json with a {@code code}, a refused request records no event, and afterwards the read
 * models still follow the ledger.
 */
class HostileRequestFuzzTest {

    private static final String AUDITOR_TOKEN = "fuzz-auditor-token-0123456789abcdef";
    /** Refusals of an SDK request on a known project are decisions, recorded in the ledger by rule A8. */
    private static final Set<String> RECORDED_REFUSALS = Set.of("QUOTA_EXCEEDED", "LICENSE_EXPIRED",
            "LICENSE_NOT_YET_VALID", "LICENSE_SUSPENDED", "LICENSE_REVOKED", "APP_NOT_ALLOWED");

    /**
     * Requests come from this many loopback addresses in turn, so the per-address failure limits answer some of them
     * with 429 without silencing the whole run (127.0.0.1, which the final checks use, is not one of them).
     */
    private static final int CLIENT_ADDRESSES = 64;

    private static LedgerCluster cluster;
    private static List<HostileRequests.Endpoint> endpoints;
    private static HostileRequests.Known known;
    private static final AtomicInteger sent = new AtomicInteger();
    private static final Map<Integer, AtomicInteger> statuses = new TreeMap<>();

    @BeforeContainer
    static void startServices() throws Exception {
        Path work = LedgerCluster.tempDir("ledger-fuzz");
        cluster = new LedgerCluster(LedgerStore.embedded(work.resolve("data")), work)
                .withEnvironment("LEDGER_AUDITOR_TOKEN", AUDITOR_TOKEN)
                .start();
        LicenseItem seats = Items.perDevice("fuzz-seats", 5, OveragePolicy.percent(10));
        LicenseItem units = Items.perUsage("fuzz-units", 1_000_000, OveragePolicy.percent(5));
        String licenseFile = cluster.signLicense("FUZZ-LICENSE", seats, units);
        assertThat(cluster.importLicense(licenseFile).status()).isEqualTo(201);
        String[] project = cluster.createProjectWith("Fuzz project", seats.itemId(), units.itemId());
        assertThat(cluster.authorize(project[1], "fuzz-device").status()).isEqualTo(200);
        known = new HostileRequests.Known(project[0], project[1], "fuzz-device", units.itemId().value(), licenseFile,
                cluster.adminToken, AUDITOR_TOKEN);

        endpoints = new ArrayList<>();
        for (String service : List.of(cluster.command(), cluster.query())) {
            endpoints.addAll(HostileRequests.endpointsOf(service, cluster.get(service, "/v3/api-docs").body()));
        }
        // the operations the documents leave out
        endpoints.add(withoutParameters(cluster.query(), "GET", "/api/v1/admin/replay"));
        endpoints.add(withoutParameters(cluster.query(), "POST", "/api/v1/admin/replay"));
        endpoints.add(withoutParameters(cluster.query(), "GET", "/api/v1/admin/dead-letters"));
        endpoints.add(withoutParameters(cluster.query(), "POST", "/api/v1/admin/dead-letters/retry"));
        endpoints.add(withoutParameters(cluster.command(), "GET", "/actuator/health"));
        assertThat(endpoints).hasSizeGreaterThan(20);
    }

    @AfterContainer
    static void stopServices() throws Exception {
        System.out.println("Fuzz: " + sent.get() + " requests to " + (endpoints == null ? 0 : endpoints.size())
                + " operations; answers by status: " + statuses);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Provide
    Arbitrary<HostileRequests.Request> hostileRequests() {
        return HostileRequests.against(endpoints, known);
    }

    @Provide
    Arbitrary<HostileRequests.Request> hostileUsageReports() {
        HostileRequests.Endpoint usage = endpoints.stream().filter(endpoint -> endpoint.path().equals("/api/v1/usage"))
                .findFirst().orElseThrow();
        return HostileRequests.usageReportsWithHostileEntries(usage, known);
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
    void noHostileRequestGetsAServerErrorOrRecordsARefusal(@ForAll("hostileRequests") HostileRequests.Request request)
            throws Exception {
        sendAndCheck(request);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED)
    void noUsageEntryWrapsACounterOrStopsTheReadModels(@ForAll("hostileUsageReports") HostileRequests.Request request)
            throws Exception {
        sendAndCheck(request);
    }

    private static void sendAndCheck(HostileRequests.Request request) throws Exception {
        long eventsBefore = eventCount();
        RawHttp.Answer answer = RawHttp.to(URI.create(request.baseUrl()).getPort())
                .from("127.0.1." + (1 + sent.get() % CLIENT_ADDRESSES))
                .sendRaw(request.bytes());
        sent.incrementAndGet();
        statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();

        assertThat(answer.status()).as("status of %s", request).isBetween(200, 499);
        assertThat(answer.status() / 100).as("no redirect for %s", request).isNotEqualTo(3);
        if (answer.status() < 300 && answer.header("Content-Type").orElse("").startsWith("application/json")) {
            assertNoNegativeCount(LedgerCluster.JSON.readTree(answer.body()), request);
        }
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type").orElse("")).as("content type of %s", request)
                    .startsWith("application/problem+json");
            if (!request.method().equals("HEAD")) {
                JsonNode problem = LedgerCluster.JSON.readTree(answer.body());
                assertThat(problem.path("code").asString("")).as("code of %s: %s", request, answer.body()).isNotBlank();
                assertThat(problem.path("status").asInt()).as("status member of %s", request)
                        .isEqualTo(answer.status());
                if (!RECORDED_REFUSALS.contains(problem.get("code").asString())) {
                    assertThat(eventCount()).as("events recorded by refused %s (%s)", request, answer.body())
                            .isEqualTo(eventsBefore);
                }
            }
        }
    }

    /**
     * Whatever the fuzzing did, every read of the fuzzed project answers, no accepted event was parked as one the
     * read models cannot hold, and a new device on a new project reaches the read models.
     */
    @AfterProperty
    void readModelsStillFollowTheLedger() throws Exception {
        for (HostileRequests.Endpoint endpoint : endpoints) {
            if (endpoint.baseUrl().equals(cluster.query()) && endpoint.method().equals("GET")) {
                String path = endpoint.path().replace("{projectId}", known.projectId());
                assertThat(cluster.get(cluster.query(), path).status()).as("GET %s after the fuzzing", path)
                        .isEqualTo(200);
            }
        }
        LicenseItem seats = Items.perDevice("after-fuzz-seats-" + sent.get(), 3, OveragePolicy.NONE);
        String licenseFile = cluster.signLicense("AFTER-FUZZ-" + sent.get(), seats);
        assertThat(cluster.importLicense(licenseFile).status()).isEqualTo(201);
        String[] project = cluster.createProjectWith("After fuzz", seats.itemId());
        assertThat(cluster.authorize(project[1], "after-fuzz-device").status()).isEqualTo(200);
        cluster.awaitQuery("/api/v1/projects/" + project[0] + "/devices",
                body -> body.path("total").asLong() == 1, Duration.ofSeconds(20));
        assertThat(cluster.get(cluster.query(), "/api/v1/admin/dead-letters").body().path("letters").asLong())
                .as("events the read models could not hold").isZero();
        Map<String, String> secrets = new LinkedHashMap<>(cluster.secretsUsed());
        secrets.put("auditor token", AUDITOR_TOKEN);
        assertThat(cluster.filesHolding(secrets)).as("secrets written to files (rule AU3)").isEmpty();
        System.out.println("Fuzz: read models followed the ledger after " + sent.get() + " requests");
    }

    /** Every count an answer carries (units, seats, totals, pages) is a sum of facts: below zero, it wrapped. */
    private static void assertNoNegativeCount(JsonNode answer, HostileRequests.Request request) {
        if (answer.isIntegralNumber()) {
            assertThat(answer.asLong()).as("a count in the answer to %s", request).isNotNegative();
        }
        answer.values().forEach(value -> assertNoNegativeCount(value, request));
    }

    private static HostileRequests.Endpoint withoutParameters(String service, String method, String path) {
        return new HostileRequests.Endpoint(service, method, path, List.of(), Map.of());
    }

    private static long eventCount() throws SQLException {
        try (Connection connection = cluster.store.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
