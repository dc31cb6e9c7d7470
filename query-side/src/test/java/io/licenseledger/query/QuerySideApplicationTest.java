package io.licenseledger.query;

import io.licenseledger.audit.ExportVerifier;
import io.licenseledger.audit.VerificationReport;
import io.licenseledger.events.AppId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.launcher.ChainSeed;
import io.licenseledger.licenseformat.Ed25519PrivateKey;
import io.licenseledger.service.LedgerDatabase;
import io.licenseledger.service.SqlTime;
import io.licenseledger.service.PublicRoutes;
import io.licenseledger.service.testing.AuditorRoleProbe;
import io.licenseledger.service.testing.BypassProbe;
import io.licenseledger.service.testing.RawHttp;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static io.licenseledger.query.TestEvents.attached;
import static io.licenseledger.query.TestEvents.authorized;
import static io.licenseledger.query.TestEvents.entry;
import static io.licenseledger.query.TestEvents.item;
import static io.licenseledger.query.TestEvents.renewal;
import static io.licenseledger.query.TestEvents.unregistered;
import static io.licenseledger.query.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The running service: events appended to the ledger reach the read models, in the query side's own store, through
 * the streaming processor, and the HTTP API answers from them. The only Spring context of the module.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.admin-token=" + QuerySideApplicationTest.ADMIN_TOKEN,
        "ledger.auditor-token=" + QuerySideApplicationTest.AUDITOR_TOKEN,
        "ledger.generate-admin-token=false"})
class QuerySideApplicationTest {

    static final String ADMIN_TOKEN = "query-side-test-admin-token-0123456789";
    static final String AUDITOR_TOKEN = "query-side-test-auditor-token-0123456";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] PROCESSING_GROUPS = {"query-read-models"};
    private static final Ed25519PrivateKey LEDGER_KEY = Ed25519PrivateKey.generate(new SecureRandom());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerDatabase ledger;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    List<PublicRoutes> publicRoutes;
    @Autowired
    Poison poison;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void eventsInTheLedgerBecomeVisibleThroughTheApi() throws Exception {
        ProjectId project = newProject("p-");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant usedAt = now.minus(Duration.ofMinutes(5));
        append(project, new ProjectCreated(project, "Scanner", "hash", Set.of(new AppId("scanner.app"))),
                attached(project, item("item-d", LicenseType.PER_DEVICE, 10, now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(365)), OveragePolicy.percent(10))),
                attached(project, item("item-u", LicenseType.PER_USAGE, 1000, now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(365)), OveragePolicy.UNLIMITED)),
                authorized(project, "d-1", "item-d", LicenseType.PER_DEVICE, true, now, now.plus(Duration.ofDays(30))),
                new AuthorizationRefused(project, new DeviceId("d-2"), null, ErrorCode.APP_NOT_ALLOWED, now),
                usage(project, "d-1", "b-1", now, now.plus(Duration.ofDays(30)), entry(usedAt, 25, "scan", "item-u")));

        JsonNode devices = await(projectPath(project) + "/devices?sort=deviceId,asc",
                body -> body.path("total").asLong() == 1);
        assertThat(devices.path("devices").path(0).path("deviceId").asString()).isEqualTo("d-1");
        assertThat(devices.path("devices").path(0).path("registeredUntil").asString())
                .isEqualTo(now.plus(Duration.ofDays(30)).toString());

        JsonNode summary = await(projectPath(project),
                body -> body.path("refusals").size() == 1);
        assertThat(summary.path("name").asString()).isEqualTo("Scanner");
        assertThat(summary.path("allowedAppIds").path(0).asString()).isEqualTo("scanner.app");
        assertThat(summary.path("refusals").path(0).path("reason").asString()).isEqualTo("APP_NOT_ALLOWED");

        JsonNode quota = await(projectPath(project) + "/quota",
                body -> body.size() == 2 && body.path(1).path("used").asLong() == 25);
        assertThat(quota.path(0).path("type").asString()).isEqualTo("PER_DEVICE");
        assertThat(quota.path(0).path("used").asLong()).isEqualTo(1);
        assertThat(quota.path(0).path("allowance").asLong()).isEqualTo(1);
        assertThat(quota.path(1).path("unlimited").asBoolean()).isTrue();
        assertThat(quota.path(1).path("allowance").isNull()).isTrue();

        JsonNode items = get(projectPath(project) + "/items", ADMIN_TOKEN).body();
        assertThat(items.path(0).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(items.findValuesAsString("itemId")).containsExactlyInAnyOrder("item-d", "item-u");

        LocalDate day = LocalDate.ofInstant(usedAt, ZoneOffset.UTC);
        JsonNode usage = await(projectPath(project) + "/usage?from=" + day + "&to=" + day
                + "&granularity=hour", body -> body.path("totalUnits").asLong() == 25);
        assertThat(usage.path("buckets").size()).isEqualTo(24);
        assertThat(usage.path("byFeature").path(0).path("feature").asString()).isEqualTo("scan");

        JsonNode projects = get("/api/v1/projects?size=500", ADMIN_TOKEN).body();
        assertThat(projects.path("projects").findValuesAsString("projectId")).contains(project.value());

        assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                .contains(PROCESSING_GROUPS);
    }

    @Test
    void lifecycleEventsAndAlertsBecomeVisibleThroughTheApi() throws Exception {
        ProjectId project = newProject("p-");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant lastYear = now.minus(Duration.ofDays(365));
        append(project, new ProjectCreated(project, "Lifecycle", "hash", Set.of()),
                attached(project, item("dev-old", LicenseType.PER_DEVICE, 5, lastYear.minus(Duration.ofDays(1)),
                        now.minus(Duration.ofDays(1)), OveragePolicy.NONE)),
                attached(project, renewal(item("dev-new", LicenseType.PER_DEVICE, 5, now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(364)), OveragePolicy.NONE), "dev-old")),
                attached(project, item("conc", LicenseType.CONCURRENT_DEVICE, 2, now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(30)), OveragePolicy.NONE)),
                authorized(project, "d-1", "dev-new", LicenseType.PER_DEVICE, true, now, now.plus(Duration.ofDays(30))),
                authorized(project, "c-1", "conc", LicenseType.CONCURRENT_DEVICE, true, now, now.plusSeconds(180)),
                authorized(project, "c-2", "conc", LicenseType.CONCURRENT_DEVICE, true, now, now.plusSeconds(180)),
                unregistered(project, "c-2", "conc", UnregistrationReason.RELEASED, now.plusSeconds(1)),
                new ItemStatusChanged(project, new ItemId("conc"), LicenseStatus.SUSPENDED, "audit", now.plusSeconds(2)),
                new ProjectStatusChanged(project, LicenseStatus.SUSPENDED, "unpaid", now.plusSeconds(3)),
                new AllowedAppsChanged(project, Set.of(new AppId("scanner.app"))),
                new AlertRecipientsChanged(project, List.of("https://hooks.example.com/ledger"),
                        List.of("ops@example.com")),
                new AlertRaised(project, "alert-1", AlertKind.QUOTA_THRESHOLD, LicenseType.CONCURRENT_DEVICE, 60,
                        "conc", 2, 2, now.plusSeconds(4)),
                new AlertRaised(project, "alert-1", AlertKind.QUOTA_THRESHOLD, LicenseType.CONCURRENT_DEVICE, 60,
                        "conc", 2, 2, now.plusSeconds(4)));

        JsonNode concurrent = await(projectPath(project) + "/devices?type=CONCURRENT_DEVICE",
                body -> body.path("total").asLong() == 1);
        assertThat(concurrent.path("devices").path(0).path("deviceId").asString()).isEqualTo("c-1");

        JsonNode unregistered = await(projectPath(project) + "/devices/unregistered",
                body -> body.path("total").asLong() == 1);
        assertThat(unregistered.path("unregistrations").path(0).path("deviceId").asString()).isEqualTo("c-2");
        assertThat(unregistered.path("unregistrations").path(0).path("itemId").asString()).isEqualTo("conc");
        assertThat(unregistered.path("unregistrations").path(0).path("reason").asString()).isEqualTo("RELEASED");
        assertThat(unregistered.path("unregistrations").path(0).path("unregisteredAt").asString())
                .isEqualTo(now.plusSeconds(1).toString());

        JsonNode summary = await(projectPath(project),
                body -> body.path("alertRecipients").path("webhookUrls").size() == 1);
        assertThat(summary.path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(summary.path("statusNote").asString()).isEqualTo("unpaid");
        assertThat(summary.path("statusChangedAt").asString()).isEqualTo(now.plusSeconds(3).toString());
        assertThat(summary.path("allowedAppIds").path(0).asString()).isEqualTo("scanner.app");
        assertThat(summary.path("alertRecipients").path("emailAddresses").path(0).asString())
                .isEqualTo("ops@example.com");

        JsonNode terms = await(projectPath(project) + "/terms",
                body -> body.findValuesAsString("lifecycle").contains("SUSPENDED"));
        assertThat(terms.findValuesAsString("chainId")).containsExactly("dev-old", "conc");
        assertThat(terms.path(0).path("currentItemId").asString()).isEqualTo("dev-new");
        assertThat(terms.path(0).path("terms").findValuesAsString("itemId")).containsExactly("dev-old", "dev-new");
        assertThat(terms.path(0).path("terms").path(0).path("unused").asLong()).isEqualTo(5);
        assertThat(terms.path(0).path("terms").path(1).path("used").asLong()).isEqualTo(1);

        JsonNode quota = get(projectPath(project) + "/quota", ADMIN_TOKEN).body();
        assertThat(quota.findValuesAsString("type")).containsExactly("PER_DEVICE");
        JsonNode items = get(projectPath(project) + "/items", ADMIN_TOKEN).body();
        assertThat(items.findValuesAsString("itemId")).containsExactly("dev-old", "conc", "dev-new");
        assertThat(items.path(1).path("lifecycle").asString()).isEqualTo("SUSPENDED");
        assertThat(items.path(1).path("lifecycleNote").asString()).isEqualTo("audit");
        assertThat(items.path(2).path("lifecycle").asString()).isEqualTo("ACTIVE");
        assertThat(items.path(2).path("lifecycleNote").isNull()).isTrue();

        JsonNode alerts = await(projectPath(project) + "/alerts",
                body -> body.path("total").asLong() == 1);
        assertThat(alerts.path("alerts").path(0).path("alertId").asString()).isEqualTo("alert-1");
        assertThat(alerts.path("alerts").path(0).path("kind").asString()).isEqualTo("QUOTA_THRESHOLD");
        assertThat(alerts.path("alerts").path(0).path("limit").asLong()).isEqualTo(2);
    }

    @Test
    void projectionsKeepTheirTokensInTheDatabaseInTheReadModelTransactionRetryFailuresAndAreWokenByNewEvents() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(axonTransactions).isInstanceOf(SpringTransactionManager.class);
        for (String group : PROCESSING_GROUPS) {
            assertThat(processing.eventProcessor(group, PooledStreamingEventProcessor.class)).as(group).isPresent();
            assertThat(processing.listenerInvocationErrorHandler(group)).as(group)
                    .isInstanceOf(PropagatingErrorHandler.class);
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("the processor reads through NotifyingEventSource")
                .anyMatch(thread -> thread.getName().equals("ledger-head-watcher") && thread.isAlive());
    }

    @Test
    void readModelsAndTheirTokenLiveInTheQuerySidesOwnFileAndTheLedgerInTheCommandSides() throws Exception {
        ProjectId project = newProject("p-");
        append(project, new ProjectCreated(project, "Stores", "hash", Set.of()));
        await(projectPath(project), body -> body.path("name").asString().equals("Stores"));

        assertThat(ledger.isServiceDatabase()).isFalse();
        assertThat(tables(ledger.jdbc())).contains("DOMAIN_EVENT_ENTRY", "API_TOKEN")
                .noneMatch(table -> table.startsWith("QRY_") || table.equals("TOKEN_ENTRY"));
        assertThat(ledger.jdbc().queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, project.value()))
                .isEqualTo(1);
        assertThat(tables(jdbc)).contains("QRY_PROJECT", "TOKEN_ENTRY").doesNotContain("DOMAIN_EVENT_ENTRY");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qry_project WHERE project_id = ?", Long.class,
                project.value())).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                .containsExactly("query-read-models");
    }

    @Test
    void aRestartedProcessorGoesOnFromItsTokenWithoutCountingAgain() throws Exception {
        ProjectId project = newProject("p-");
        Instant now = Instant.now();
        append(project, new ProjectCreated(project, "Restart", "hash", Set.of()),
                new AuthorizationRefused(project, new DeviceId("d-1"), null, ErrorCode.QUOTA_EXCEEDED, now));
        await(projectPath(project), body -> body.path("refusals").path(0).path("count").asLong() == 1);

        PooledStreamingEventProcessor processor = processing
                .eventProcessor("query-read-models", PooledStreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        eventStore.publish(new GenericDomainEventMessage<>("Project", project.value(), 2,
                new AuthorizationRefused(project, new DeviceId("d-2"), null, ErrorCode.QUOTA_EXCEEDED, now)));
        processor.start();

        await(projectPath(project), body -> body.path("refusals").path(0).path("count").asLong() >= 2);
        Instant deadline = Instant.now().plus(WAIT);
        while (!caughtUp(processor) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(caughtUp(processor)).isTrue();
        assertThat(get(projectPath(project), ADMIN_TOKEN).body()
                .path("refusals").path(0).path("count").asLong()).isEqualTo(2);
    }

    /**
     * Issue 11: a usage entry dated in year -1000000000 cannot be stored in a TIMESTAMP column, which failed every
     * batch at commit and stopped every read model. Now it is parked with the rest of its project, as are events a
     * handler throws on and events whose writes fail at commit (the switch), and everything else goes on.
     */
    @Test
    void anEventAProjectionCannotHandleIsParkedWithItsProjectAndEverythingElseFollows() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ProjectId ancient = newProject("p-ancient-");
        ProjectId throwing = newProject("p-throwing-");
        ProjectId unwritable = newProject("p-unwritable-");
        ProjectId healthy = newProject("p-healthy-");
        poison.on = true;
        try {
            append(ancient, new ProjectCreated(ancient, "Ancient", "hash", Set.of()),
                    usage(ancient, "d-1", "b-1", now, null, entry(Instant.MIN, 5, "scan", null)),
                    new AuthorizationRefused(ancient, new DeviceId("d-2"), null, ErrorCode.QUOTA_EXCEEDED, now));
            append(throwing, new ProjectCreated(throwing, "Throwing", "hash", Set.of()),
                    new ProjectStatusChanged(throwing, LicenseStatus.SUSPENDED, Poison.IN_HANDLER, now),
                    authorized(throwing, "d-t", "item-t", LicenseType.PER_DEVICE, true, now, now.plusSeconds(600)));
            append(unwritable, new ProjectCreated(unwritable, "Unwritable", "hash", Set.of()),
                    new ProjectStatusChanged(unwritable, LicenseStatus.SUSPENDED, Poison.AT_COMMIT, now));
            append(healthy, new ProjectCreated(healthy, "Healthy", "hash", Set.of()),
                    authorized(healthy, "d-h", "item-h", LicenseType.PER_DEVICE, true, now, now.plusSeconds(600)));

            await(projectPath(healthy) + "/devices", body -> body.path("total").asLong() == 1);
            JsonNode parked = await("/api/v1/admin/dead-letters", body -> body.path("letters").asLong() == 5);
            assertThat(parked.path("sequences").asLong()).isEqualTo(3);
            JsonNode ancientLetters = sequence(parked, ancient);
            assertThat(ancientLetters.path("letters").asLong()).isEqualTo(2);
            assertThat(ancientLetters.path("eventType").asString()).isEqualTo("UsageRecorded");
            assertThat(ancientLetters.path("sequenceNumber").asLong()).isEqualTo(1);
            assertThat(ancientLetters.path("ledgerPosition").asLong()).isPositive();
            assertThat(ancientLetters.path("causeType").asString()).isEqualTo("java.time.DateTimeException");
            assertThat(ancientLetters.path("since").asString()).isNotEmpty();
            assertThat(sequence(parked, throwing).path("letters").asLong()).isEqualTo(2);
            assertThat(sequence(parked, throwing).path("causeMessage").asString()).contains("poisoned in the handler");
            assertThat(sequence(parked, unwritable).path("causeMessage").asString()).contains("poisoned at commit");

            assertThat(get(projectPath(throwing), ADMIN_TOKEN).body().path("status").asString())
                    .as("the other handlers' changes of a parked event are rolled back").isEqualTo("ACTIVE");
            assertThat(get(projectPath(ancient), ADMIN_TOKEN).body().path("refusals").size())
                    .as("a parked project's later events wait").isZero();
            assertThat(get("/api/v1/admin/replay", ADMIN_TOKEN).body().path("deadLetters").path("letters").asLong())
                    .isEqualTo(5);
            Response health = get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().path("status").asString()).isEqualTo("DEGRADED");
            PooledStreamingEventProcessor processor = processing
                    .eventProcessor("query-read-models", PooledStreamingEventProcessor.class).orElseThrow();
            assertThat(processor.isRunning()).isTrue();
            assertThat(processor.isError()).isFalse();

            poison.on = false;
            Response retried = post("/api/v1/admin/dead-letters/retry", ADMIN_TOKEN);

            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body().path("processed").asLong()).isEqualTo(2);
            assertThat(retried.body().path("remainingSequences").asLong()).isEqualTo(1);
            assertThat(retried.body().path("remainingLetters").asLong()).isEqualTo(2);
            assertThat(get(projectPath(throwing), ADMIN_TOKEN).body().path("status").asString())
                    .isEqualTo("SUSPENDED");
            assertThat(get(projectPath(throwing) + "/devices", ADMIN_TOKEN).body()
                    .path("total").asLong()).isEqualTo(1);
            assertThat(get(projectPath(unwritable), ADMIN_TOKEN).body().path("status").asString())
                    .isEqualTo("SUSPENDED");
            JsonNode stillParked = get("/api/v1/admin/dead-letters", ADMIN_TOKEN).body();
            assertThat(stillParked.path("parked").findValuesAsString("sequence")).containsExactly(ancient.value());

            appendFrom(healthy, 2, new AuthorizationRefused(healthy, new DeviceId("d-x"), null,
                    ErrorCode.QUOTA_EXCEEDED, now));
            await(projectPath(healthy), body -> body.path("refusals").size() == 1);
        } finally {
            poison.on = false;
            processing.deadLetterQueue("query-read-models").ifPresent(queue -> queue.clear());
        }
        assertThat(get("/actuator/health", null).body().path("status").asString()).isEqualTo("UP");
    }

    /**
     * Rule AU4 on the running service: a rebuild puts back what the live read models lost, and parks again, with its
     * project's later events, the event it still cannot handle (the queue is replaced at the swap).
     */
    @Test
    void aRebuildReplacesTheReadModelsAndParksAgainWhatItStillCannotHandle() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ProjectId ancient = newProject("p-rebuild-ancient-");
        ProjectId healthy = newProject("p-rebuild-healthy-");
        try {
            append(ancient, new ProjectCreated(ancient, "Ancient", "hash", Set.of()),
                    usage(ancient, "d-1", "b-1", now, null, entry(Instant.MIN, 5, "scan", null)),
                    new AuthorizationRefused(ancient, new DeviceId("d-2"), null, ErrorCode.QUOTA_EXCEEDED, now));
            append(healthy, new ProjectCreated(healthy, "Healthy", "hash", Set.of()),
                    authorized(healthy, "d-h", "item-h", LicenseType.PER_DEVICE, true, now, now.plusSeconds(600)));
            String devices = projectPath(healthy) + "/devices";
            await(devices, body -> body.path("total").asLong() == 1);
            await("/api/v1/admin/dead-letters", body -> body.path("parked").findValuesAsString("sequence")
                    .contains(ancient.value()));
            jdbc.update("DELETE FROM qry_device WHERE project_id = ?", healthy.value());
            queue().ifPresent(queue -> queue.clear());

            Response started = post("/api/v1/admin/replay", ADMIN_TOKEN);

            assertThat(started.status()).isEqualTo(202);
            JsonNode done = await("/api/v1/admin/replay", body -> !body.path("running").asBoolean(true));
            assertThat(done.path("phase").asString()).isEqualTo("DONE");
            assertThat(done.path("position").asLong()).isEqualTo(done.path("head").asLong());
            assertThat(done.path("events").asLong()).as("every event counted once, a partition folded again too")
                    .isEqualTo(ledgerEvents());
            assertThat(get(devices, ADMIN_TOKEN).body().path("total").asLong()).isEqualTo(1);
            JsonNode parked = sequence(get("/api/v1/admin/dead-letters", ADMIN_TOKEN).body(), ancient);
            assertThat(parked.path("letters").asLong()).isEqualTo(2);
            assertThat(parked.path("eventType").asString()).isEqualTo("UsageRecorded");
            assertThat(parked.path("causeType").asString()).isEqualTo("java.time.DateTimeException");
            appendFrom(healthy, 2, new AuthorizationRefused(healthy, new DeviceId("d-x"), null,
                    ErrorCode.QUOTA_EXCEEDED, now));
            await(projectPath(healthy), body -> body.path("refusals").size() == 1);
        } finally {
            queue().ifPresent(queue -> queue.clear());
        }
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue() {
        return processing.deadLetterQueue("query-read-models");
    }

    @Test
    void parkedEventsAreForAdminsAndAuditorsToSeeAndForAdminsToRetry() throws Exception {
        assertThat(get("/api/v1/admin/dead-letters", null).status()).isEqualTo(401);
        assertThat(post("/api/v1/admin/dead-letters/retry", null).status()).isEqualTo(401);
    }

    /**
     * The admin console (its pages are driven in a browser by the e2e AdminConsoleTest): a session from the sign-in
     * form is its only credential, its writes need the session's CSRF token, and an auditor's session writes nothing.
     */
    @Test
    void theConsoleTakesASessionFromItsSignInFormAndItsCsrfTokenNeverABearerToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        java.util.function.BiFunction<String, String[], HttpResponse<String>> call = (target, headersAndBody) -> {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target.substring(
                        target.indexOf(' ') + 1)));
                for (int i = 0; i + 1 < headersAndBody.length; i += 2) {
                    request.header(headersAndBody[i], headersAndBody[i + 1]);
                }
                String body = headersAndBody.length % 2 == 1 ? headersAndBody[headersAndBody.length - 1] : null;
                request.method(target.substring(0, target.indexOf(' ')), body == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        String form = "application/x-www-form-urlencoded";

        assertThat(call.apply("GET /", new String[0]).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith(":" + port + "/console"));
        assertThat(call.apply("GET /console", new String[]{"Accept", "text/html"}).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/sign-in"));
        HttpResponse<String> withBearer = call.apply("GET /console", new String[]{"Authorization",
                "Bearer " + ADMIN_TOKEN});
        assertThat(withBearer.statusCode()).isEqualTo(401);
        assertThat(json.readTree(withBearer.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");

        String page = call.apply("GET /console/sign-in", new String[0]).body();
        String csrf = page.replaceAll("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
        HttpResponse<String> wrong = call.apply("POST /console/sign-in", new String[]{"Content-Type", form,
                "X-CSRF-TOKEN", csrf, "token=" + ADMIN_TOKEN.replace('0', '9')});
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrong.body()).path("detail").asString()).contains("not an admin or auditor");
        assertThat(call.apply("POST /console/sign-in", new String[]{"Content-Type", form,
                "token=" + AUDITOR_TOKEN}).statusCode()).as("no CSRF token").isEqualTo(401);

        HttpResponse<String> signedIn = call.apply("POST /console/sign-in", new String[]{"Content-Type", form,
                "X-CSRF-TOKEN", csrf, "token=" + AUDITOR_TOKEN});
        assertThat(signedIn.statusCode()).isEqualTo(204);
        assertThat(signedIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("LEDGER_CONSOLE=").contains("HttpOnly", "SameSite=Strict"));
        HttpResponse<String> overview = call.apply("GET /console", new String[]{"Accept", "text/html"});
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("auditor (read-only)").doesNotContain("Create project")
                .doesNotContain(AUDITOR_TOKEN);
        String sessionCsrf = overview.body().replaceAll("(?s).*name=\"csrf-token\" content=\"([^\"]+)\".*", "$1");
        long ledgerBefore = ledgerEvents();

        HttpResponse<String> auditorWrites = call.apply("POST /console/rebuild", new String[]{"X-CSRF-TOKEN",
                sessionCsrf, ""});
        HttpResponse<String> noCsrf = call.apply("POST /console/sign-out", new String[0]);
        HttpResponse<String> badPage = call.apply("GET /console/projects/no-such-project/devices?page=-1",
                new String[0]);
        HttpResponse<String> badId = call.apply("GET /console/projects/a%20b", new String[]{"Accept", "text/html"});

        assertThat(auditorWrites.statusCode()).isEqualTo(403);
        assertThat(json.readTree(auditorWrites.body()).path("detail").asString()).contains("auditor");
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(json.readTree(noCsrf.body()).path("detail").asString()).contains("form token");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badPage.body()).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("This page cannot be shown");
        assertThat(ledgerEvents()).isEqualTo(ledgerBefore);
        assertThat(call.apply("POST /console/sign-out", new String[]{"X-CSRF-TOKEN", sessionCsrf, ""})
                .statusCode()).isEqualTo(204);
        assertThat(call.apply("GET /console/ledger", new String[0]).statusCode()).isEqualTo(401);
    }

    @Test
    void aJsonResourceAskedForAsHtmlIsRefusedWithAProblemNotAnInternalError() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/projects")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(406);
        assertThat(json.readTree(answer.body()).path("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void readsNeedAnApiToken() throws Exception {
        Response response = get("/api/v1/projects", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void anUnknownProjectIsNotFound() throws Exception {
        for (String path : new String[]{"", "/devices", "/devices/unregistered", "/items", "/quota", "/terms", "/usage",
                "/alerts"}) {
            Response response = get("/api/v1/projects/no-such-project" + path, ADMIN_TOKEN);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body().path("code").asString()).as(path).isEqualTo("PROJECT_NOT_FOUND");
        }
    }

    @Test
    void malformedListingRequestsAreRefused() throws Exception {
        for (String query : new String[]{"/devices?sort=deviceName,asc", "/devices?size=501", "/devices?page=-1",
                "/devices?type=FLOATING", "/devices/unregistered?size=0", "/alerts?page=-1", "/alerts?size=x",
                "/usage?granularity=week", "/usage?from=2026-01-01&to=2027-01-02", "/usage?from=yesterday",
                "/usage?from=2026-01-01&to=2026-02-01&granularity=hour", "/devices?page=2147483648",
                "/devices?size=1e2", "/alerts?page=1.5", "/alerts?size=18446744073709551614",
                "/usage?to=-999999999-01-01", "/usage?from=%2B999999999-12-31&to=%2B999999999-12-31",
                "/usage?from=1969-12-31&to=1969-12-31", "/usage?from=2026-01-01T00:00:00Z"}) {
            Response response = get("/api/v1/projects/no-such-project" + query, ADMIN_TOKEN);

            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body().path("code").asString()).as(query).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void theOpenApiDocumentListsEveryEndpoint() throws Exception {
        JsonNode paths = get("/v3/api-docs", null).body().path("paths");

        assertThat(paths.propertyNames()).containsExactlyInAnyOrder(
                "/api/v1/audit/export",
                "/api/v1/projects",
                "/api/v1/projects/{projectId}",
                "/api/v1/projects/{projectId}/devices",
                "/api/v1/projects/{projectId}/devices/unregistered",
                "/api/v1/projects/{projectId}/items",
                "/api/v1/projects/{projectId}/quota",
                "/api/v1/projects/{projectId}/terms",
                "/api/v1/projects/{projectId}/usage",
                "/api/v1/projects/{projectId}/alerts",
                "/api/v1/audit/projects/{projectId}/usage-history");
    }

    /** Every read and the replay, in every spelling of {@link BypassProbe#spellings}, without the right token. */
    @Test
    void noSpellingOfAGuardedRouteReachesAHandlerWithoutTheRightToken() throws Exception {
        ProjectId project = newProject("p-");
        append(project, new ProjectCreated(project, "Guarded", "hash", Set.of()));
        await(projectPath(project), body -> body.path("name").asString().equals("Guarded"));
        List<BypassProbe.Route> routes = BypassProbe.guardedRoutes(mappings, publicRoutes,
                Map.of("projectId", project.value()), Map.of());
        assertThat(routes).extracting(BypassProbe.Route::method, BypassProbe.Route::path).contains(
                tuple("POST", "/api/v1/admin/replay"), tuple("GET", projectPath(project) + "/quota"),
                tuple("GET", "/console/projects/" + project.value()), tuple("POST", "/console/rebuild"),
                tuple("POST", "/console/projects/" + project.value() + "/unregister"));
        JsonNode replayBefore = get("/api/v1/admin/replay", ADMIN_TOKEN).body();
        long ledgerBefore = ledgerEvents();

        BypassProbe.assertNoneReachesAHandler(RawHttp.to(port), routes, ADMIN_TOKEN.replace('0', '9'), AUDITOR_TOKEN);

        assertThat(ledgerEvents()).isEqualTo(ledgerBefore);
        assertThat(get("/api/v1/admin/replay", ADMIN_TOKEN).body().path("startedAt"))
                .as("no replay was started").isEqualTo(replayBefore.path("startedAt"));
    }

    @Test
    void usageHistoryIsRecomputedFromTheLedgerAndCatchesAReadModelRowThatDiffers() throws Exception {
        ProjectId project = new ProjectId("p-" + UUID.randomUUID());
        Instant lastOctober = Instant.parse("2026-10-31T23:30:00Z");
        Instant firstNovember = Instant.parse("2026-11-01T00:10:00Z");
        Instant laterFirstNovember = Instant.parse("2026-11-01T05:00:00Z");
        Instant secondNovember = Instant.parse("2026-11-02T12:00:00Z");
        append(project, new ProjectCreated(project, "History", "hash", Set.of()),
                attached(project, item("hist-u", LicenseType.PER_USAGE, 100, lastOctober.minus(Duration.ofDays(30)),
                        lastOctober.plus(Duration.ofDays(365)), OveragePolicy.UNLIMITED)),
                authorized(project, "dev-1", "hist-u", LicenseType.PER_USAGE, true, lastOctober,
                        lastOctober.plus(Duration.ofDays(1))),
                usage(project, "dev-1", "b-1", secondNovember, null, entry(lastOctober, 5, "scan", "hist-u"),
                        entry(firstNovember, 7, "scan", "hist-u"), entry(firstNovember, 3, null, "hist-u")),
                usage(project, "dev-2", "b-2", secondNovember, null, entry(laterFirstNovember, 11, "scan", "hist-u"),
                        entry(secondNovember, 13, "ocr", null)),
                new ProjectStatusChanged(project, LicenseStatus.SUSPENDED, "late", secondNovember));
        String path = "/api/v1/audit/projects/" + project.value() + "/usage-history";

        JsonNode byDay = get(path + "?granularity=day", AUDITOR_TOKEN).body();
        JsonNode byMonth = get(path + "?granularity=month&from=2026-11-01&to=2026-11-30", AUDITOR_TOKEN).body();

        assertThat(byDay.path("usageEvents").asLong()).isEqualTo(2);
        assertThat(byDay.path("totalUnits").asLong()).isEqualTo(39);
        assertThat(rows(byDay)).containsExactly("2026-10-31 hist-u scan 5", "2026-11-01 hist-u  3",
                "2026-11-01 hist-u scan 18", "2026-11-02  ocr 13");
        assertThat(byDay.path("check").path("matches").asBoolean()).as(byDay.toString()).isTrue();
        assertThat(byDay.path("check").path("readModelTotalUnits").asLong()).isEqualTo(39);
        assertThat(rows(byMonth)).containsExactly("2026-11  ocr 13", "2026-11 hist-u  3", "2026-11 hist-u scan 18");
        assertThat(byMonth.path("check").path("matches").asBoolean()).isTrue();

        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                        + "?granularity=month")).header("Authorization", "Bearer " + AUDITOR_TOKEN)
                .header("Accept", "text/csv").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("X-Read-Model-Check")).hasValue("MATCHES");
        assertThat(csv.body()).isEqualTo("""
                period,itemId,feature,units
                2026-10,hist-u,scan,5
                2026-11,,ocr,13
                2026-11,hist-u,,3
                2026-11,hist-u,scan,18
                """);

        jdbc.update("UPDATE qry_usage_hour SET units = units + 2 WHERE project_id = ? AND hour_start = ? "
                + "AND feature = 'scan'", project.value(), SqlTime.utc(laterFirstNovember));
        jdbc.update("INSERT INTO qry_usage_hour (project_id, hour_start, feature, units) VALUES (?, ?, 'fax', 1)",
                project.value(), SqlTime.utc(secondNovember.truncatedTo(ChronoUnit.HOURS)));
        JsonNode tampered = get(path + "?granularity=day&format=json", AUDITOR_TOKEN).body();

        assertThat(tampered.path("check").path("matches").asBoolean()).isFalse();
        List<String> differences = new ArrayList<>();
        tampered.path("check").path("differences").forEach(row -> differences.add(row.path("period").asString()
                + " " + row.path("feature").asString("") + " " + row.path("ledgerUnits").asLong() + " "
                + row.path("readModelUnits").asLong()));
        assertThat(differences).containsExactly("2026-11-01 scan 18 20", "2026-11-02 fax 0 1");
        assertThat(get(path + "?granularity=week", AUDITOR_TOKEN).status()).isEqualTo(400);
        assertThat(get(path + "?from=2026-11-02&to=2026-11-01", AUDITOR_TOKEN).status()).isEqualTo(400);
        assertThat(get(path + "?format=xml", AUDITOR_TOKEN).status()).isEqualTo(400);
        assertThat(get("/api/v1/audit/projects/p-unknown/usage-history", AUDITOR_TOKEN).status()).isEqualTo(404);
    }

    private static List<String> rows(JsonNode report) {
        List<String> rows = new ArrayList<>();
        report.path("rows").forEach(row -> rows.add(row.path("period").asString() + " "
                + row.path("itemId").asString("") + " " + row.path("feature").asString("") + " "
                + row.path("units").asLong()));
        return rows;
    }

    /**
     * Every mapped route, enumerated from the handler mappings: the auditor reads everything under /api/v1 and writes
     * nothing, and neither no token nor a license key in the place of a token gets in anywhere but the public routes.
     */
    @Test
    void theAuditorReadsEveryRouteAndWritesNoneWhileALicenseKeyIsNoToken() throws Exception {
        String projectId = "p-" + UUID.randomUUID();
        append(new ProjectId(projectId), new ProjectCreated(new ProjectId(projectId), "Audited", "hash", Set.of()));
        await("/api/v1/projects/" + projectId, body -> body.path("name").asString().equals("Audited"));
        String licenseKey = "LL1." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"url\":\"http://127.0.0.1:8080\",\"credential\":\"" + "k".repeat(43) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        JsonNode replayBefore = get("/api/v1/admin/replay", ADMIN_TOKEN).body();
        AuditorRoleProbe.Setup setup = new AuditorRoleProbe.Setup(publicRoutes, Set.of("GET /v3/api-docs",
                "GET /", "GET /console/sign-in", "POST /console/sign-in"),
                Map.of("projectId", projectId), Map.of(), Map.of(), AUDITOR_TOKEN, licenseKey, this::ledgerEvents,
                List.of("/console"));

        AuditorRoleProbe.Report report = AuditorRoleProbe.assertAuditorRole(RawHttp.to(port), mappings, setup);

        assertThat(report.reads()).isGreaterThanOrEqualTo(10);
        assertThat(report.writes()).isGreaterThanOrEqualTo(2);
        assertThat(get("/api/v1/admin/replay", ADMIN_TOKEN).body().path("startedAt"))
                .as("no replay was started").isEqualTo(replayBefore.path("startedAt"));
    }

    @Test
    void auditorReadsButDoesNotStartAReplay() throws Exception {
        RawHttp.Answer replay = RawHttp.to(port).send("POST", "/api/v1/admin/replay",
                Map.of("Authorization", "Bearer " + AUDITOR_TOKEN), "{}");

        assertThat(get("/api/v1/projects", AUDITOR_TOKEN).status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(403);
        assertThat(json.readTree(replay.body()).path("code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void requestsRefusedBeforeSpringMvcAreProblemsWithACode() {
        Map<String, Integer> requests = Map.of(
                "GET /api/v1/projects\u0000 HTTP/1.1\r\n", 400,
                "GET /api/v1/%zz HTTP/1.1\r\n", 400,
                "GET /api;x=1/v1/projects HTTP/1.1\r\n", 400,
                "TRACE /api/v1/projects HTTP/1.1\r\n", 405,
                "GET /api/v1/projects HTTP/1.1\r\nX-Padding: " + "a".repeat(20_000) + "\r\n", 400);

        requests.forEach((head, status) -> {
            RawHttp.Answer answer = RawHttp.to(port).sendRaw((head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(head).isEqualTo(status);
            assertThat(answer.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(answer.body()).path("code").asString()).isNotBlank();
        });
    }

    @Test
    void healthIsPublic() throws Exception {
        Response response = get("/actuator/health", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("status").asString()).isEqualTo("UP");
    }

    private long ledgerEvents() {
        return ledger.jdbc().queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'",
                String.class);
    }

    @Test
    void theLedgerExportsAProjectWithItsChainAndCheckpointForAnAuditorToVerifyOffline() throws Exception {
        ProjectId audited = new ProjectId("p-" + UUID.randomUUID());
        ProjectId other = new ProjectId("p-" + UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        append(audited, new ProjectCreated(audited, "Audited", "hash", Set.of()),
                new ProjectStatusChanged(audited, LicenseStatus.SUSPENDED, "unpaid", now));
        append(other, new ProjectCreated(other, "Other", "hash", Set.of()));
        appendFrom(audited, 2, new ProjectStatusChanged(audited, LicenseStatus.ACTIVE, "paid", now.plusSeconds(1)));
        long head;
        try (Connection connection = ledger.dataSource().getConnection()) {
            head = new ChainSeed(LEDGER_KEY, 0).chain(connection, true);
        }
        ExportVerifier verifier = new ExportVerifier(List.of(LEDGER_KEY.publicKey()));

        HttpResponse<byte[]> export = export("?project=" + audited.value(), AUDITOR_TOKEN, Map.of());
        VerificationReport report = verifier.verify(new ByteArrayInputStream(export.body()));

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(report.intact()).as(report.reason()).isTrue();
        assertThat(report.events()).isEqualTo(3);
        assertThat(report.omitted()).isPositive();
        assertThat(report.position()).isEqualTo(head);
        assertThat(report.lastSignedPosition()).isEqualTo(head);
        assertThat(new String(export.body(), StandardCharsets.UTF_8)).contains("Audited")
                .doesNotContain(other.value());

        HttpResponse<byte[]> gzipped = export("?project=" + audited.value(), ADMIN_TOKEN,
                Map.of("Accept-Encoding", "br, gzip;q=0.8"));
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(verifier.verify(new ByteArrayInputStream(gzipped.body())).events()).isEqualTo(3);
        assertThat(export("?gzip=true", AUDITOR_TOKEN, Map.of()).headers().firstValue("Content-Encoding"))
                .hasValue("gzip");

        VerificationReport resumed = verifier.verify(new ByteArrayInputStream(
                export("?after=" + (head - 2), AUDITOR_TOKEN, Map.of()).body()));
        assertThat(resumed.intact()).as(resumed.reason()).isTrue();
        assertThat(resumed.after()).isEqualTo(head - 2);
        assertThat(resumed.events()).isEqualTo(2);
    }

    @Test
    void badExportParametersAreRefusedWithAProblemAndItsCode() throws Exception {
        for (String query : List.of("?project=" + "x".repeat(300), "?from=yesterday", "?to=2026-13-01T00:00:00Z",
                "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "?after=-1", "?after=999999999999",
                "?after=twelve", "?gzip=maybe")) {
            HttpResponse<byte[]> refused = export(query, AUDITOR_TOKEN, Map.of());

            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
            assertThat(json.readTree(refused.body()).path("code").asString()).as(query).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(export("", null, Map.of()).statusCode()).isEqualTo(401);
    }

    private HttpResponse<byte[]> export(String query, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/audit/export" + query)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static boolean caughtUp(PooledStreamingEventProcessor processor) {
        return !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    }

    private void append(ProjectId project, Object... events) {
        appendFrom(project, 0, events);
    }

    private void appendFrom(ProjectId project, long firstSequenceNumber, Object... events) {
        for (int i = 0; i < events.length; i++) {
            eventStore.publish(new GenericDomainEventMessage<>("Project", project.value(), firstSequenceNumber + i,
                    events[i]));
        }
    }

    private static JsonNode sequence(JsonNode deadLetters, ProjectId project) {
        for (JsonNode parked : deadLetters.path("parked")) {
            if (parked.path("sequence").asString().equals(project.value())) {
                return parked;
            }
        }
        throw new AssertionError("no parked sequence for " + project.value() + " in " + deadLetters);
    }

    /** A project of this test alone: the tests share one running service and its read models. */
    private static ProjectId newProject(String prefix) {
        return new ProjectId(prefix + UUID.randomUUID());
    }

    private static String projectPath(ProjectId project) {
        return "/api/v1/projects/" + project.value();
    }

    private JsonNode await(String path, Predicate<JsonNode> visible) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        Response response = get(path, ADMIN_TOKEN);
        while (!(response.status() == 200 && visible.test(response.body())) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            response = get(path, ADMIN_TOKEN);
        }
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(visible.test(response.body())).as("%s within %s: %s", path, WAIT, response.body()).isTrue();
        return response.body();
    }

    private Response post(String path, String token) throws IOException, InterruptedException {
        return send(path, token, "POST");
    }

    private Response get(String path, String token) throws IOException, InterruptedException {
        return send(path, token, "GET");
    }

    private Response send(String path, String token, String method) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), json.readTree(response.body()));
    }

    private record Response(int status, JsonNode body) {
    }

    /** Switches {@link PoisonedProjection} on: while on, it cannot handle the status changes noted so. */
    static final class Poison {
        static final String IN_HANDLER = "poison in the handler";
        static final String AT_COMMIT = "poison at commit";

        volatile boolean on;
    }

    /** Throws in its handler, or records a change that throws when the batch is written. */
    @ProcessingGroup(ProjectionConfiguration.PROCESSING_GROUP)
    static final class PoisonedProjection {
        private final Poison poison;
        private final BatchedWrites writes;

        PoisonedProjection(Poison poison, JdbcTemplate jdbc) {
            this.poison = poison;
            this.writes = new BatchedWrites(jdbc, new TableRows.Table("qry_project",
                    List.of(TableRows.Column.text("project_id")), List.of("project_id")));
        }

        @EventHandler
        void on(ProjectStatusChanged event) {
            if (poison.on && Poison.IN_HANDLER.equals(event.note())) {
                throw new IllegalStateException("poisoned in the handler");
            }
            boolean failAtCommit = poison.on && Poison.AT_COMMIT.equals(event.note());
            writes.record(batch -> { }, batch -> {
                if (failAtCommit) {
                    throw new IllegalStateException("poisoned at commit");
                }
            });
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class PoisonConfiguration {

        @Bean
        Poison poison() {
            return new Poison();
        }

        @Bean
        PoisonedProjection poisonedProjection(Poison poison, JdbcTemplate jdbc) {
            return new PoisonedProjection(poison, jdbc);
        }
    }
}
