package io.licenseledger.service;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.licenseledger.events.AppId;
import io.licenseledger.events.BatchId;
import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.Feature;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseEvent;
import io.licenseledger.events.licensing.LicenseImported;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.AlertKind;
import io.licenseledger.events.project.AlertRaised;
import io.licenseledger.events.project.AlertRecipientsChanged;
import io.licenseledger.events.project.AllowedAppsChanged;
import io.licenseledger.events.project.AuthorizationRefused;
import io.licenseledger.events.project.DeviceAuthorized;
import io.licenseledger.events.project.DeviceUnregistered;
import io.licenseledger.events.project.ItemDetached;
import io.licenseledger.events.project.ItemStatusChanged;
import io.licenseledger.events.project.LicenseRenewed;
import io.licenseledger.events.project.LicenseStatus;
import io.licenseledger.events.project.ProjectCreated;
import io.licenseledger.events.project.ProjectEvent;
import io.licenseledger.events.project.ProjectStatusChanged;
import io.licenseledger.events.project.QuotaAdded;
import io.licenseledger.events.project.UnregistrationReason;
import io.licenseledger.events.project.UsageAllocation;
import io.licenseledger.events.project.UsageRecorded;
import io.licenseledger.events.project.UsageState;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The stored JSON of every event type and revision, in shared-events' {@code src/test/resources/events/<Type>/<revision
 * or none>.json}, and what each one holds, written out literally. A new event type or revision needs its file there
 * and its entry in {@link #EXPECTED}; a sample of an older revision expects what the services' upcasters make of it.
 */
final class EventSamples {

    static final String FOLDER = "events";
    static final String NO_REVISION = "none";

    private static final ProjectId PROJECT = new ProjectId("prj_3f1c9a7e5b2d4c6e8a0b1c2d3e4f5a6b");
    private static final LicenseId LICENSE = new LicenseId("ACME-2026-001");
    private static final DeviceId DEVICE = new DeviceId("7d3e2a10-5b4c-4f9e-9a21-0c8d6e4b3f12");
    private static final AppId SCANNER = new AppId("com.acme.scanner");
    private static final AppId SCANNER_LITE = new AppId("com.acme.scanner.lite");
    private static final Instant AT = Instant.parse("2026-03-02T09:15:00Z");

    private static final LicenseItem DEVICE_ITEM = new LicenseItem(new ItemId("acme-dev-2026"), LicenseType.PER_DEVICE,
            50, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), ActiveWindow.P30D,
            Duration.ofDays(7), null, OveragePolicy.percent(10), new ItemId("acme-dev-2025"));
    private static final LicenseItem CONCURRENT_ITEM = new LicenseItem(new ItemId("acme-floating-2026"),
            LicenseType.CONCURRENT_DEVICE, 5, Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2027-01-01T00:00:00Z"), null, Duration.ofHours(12), Duration.ofMinutes(3),
            OveragePolicy.NONE, null);
    private static final LicenseItem USAGE_ITEM = new LicenseItem(new ItemId("acme-use-2026"), LicenseType.PER_USAGE,
            10_000, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), null,
            Duration.ofDays(1), null, OveragePolicy.UNLIMITED, new ItemId("acme-use-2025"));

    /** Each sample, by the type name and revision it is stored under, and the events it reads as. */
    static final Map<Sample, List<Object>> EXPECTED = samples(
            sample(ProjectCreated.class, "1", new ProjectCreated(PROJECT, "Acme Scanner",
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Set.of(SCANNER, SCANNER_LITE))),
            sample("io.licenseledger.events.project.ItemAttached", "1", new QuotaAdded(PROJECT, LICENSE, DEVICE_ITEM)),
            sample(QuotaAdded.class, "1", new QuotaAdded(PROJECT, LICENSE, DEVICE_ITEM)),
            sample(LicenseRenewed.class, "1", new LicenseRenewed(PROJECT, LICENSE, DEVICE_ITEM,
                    new ItemId("acme-dev-2025"))),
            sample(ItemDetached.class, "1", new ItemDetached(PROJECT, DEVICE_ITEM.itemId(), AT)),
            sample(DeviceAuthorized.class, "1", new DeviceAuthorized(PROJECT, DEVICE, "Front desk scanner", SCANNER,
                    DEVICE_ITEM.itemId(), LicenseType.PER_DEVICE, true, false, AT, Instant.parse("2026-04-01T09:15:00Z"),
                    Instant.parse("2026-03-09T09:15:00Z"))),
            sample(AuthorizationRefused.class, "1", new AuthorizationRefused(PROJECT, DEVICE, SCANNER,
                    ErrorCode.QUOTA_EXCEEDED, AT)),
            sample(UsageRecorded.class, "1", new UsageRecorded(PROJECT, DEVICE, new BatchId("batch-000042"),
                    "5d41402abc4b2a76b9719d911017c592ae0e1d5e3f7c4b2a1d0e9f8a7b6c5d4e", List.of(
                            new UsageAllocation(Instant.parse("2026-03-01T17:40:12Z"), 120, new Feature("ocr"),
                                    USAGE_ITEM.itemId()),
                            new UsageAllocation(Instant.parse("2026-03-02T08:02:55.125Z"), 30,
                                    new Feature("barcode"), USAGE_ITEM.itemId())),
                    150, UsageState.OVERAGE, 9_850L, AT, Instant.parse("2026-04-01T09:15:00Z"))),
            sample(DeviceUnregistered.class, "1", new DeviceUnregistered(PROJECT, DEVICE, DEVICE_ITEM.itemId(),
                    UnregistrationReason.ACTIVITY_WINDOW_ELAPSED, AT)),
            sample(ProjectStatusChanged.class, "1", new ProjectStatusChanged(PROJECT, LicenseStatus.SUSPENDED,
                    "invoice 2026-114 unpaid", AT)),
            sample(ItemStatusChanged.class, "1", new ItemStatusChanged(PROJECT, DEVICE_ITEM.itemId(),
                    LicenseStatus.REVOKED, "refunded", AT)),
            sample(AllowedAppsChanged.class, "1", new AllowedAppsChanged(PROJECT, Set.of(SCANNER, SCANNER_LITE))),
            sample(AlertRaised.class, "1", new AlertRaised(PROJECT, "QUOTA_THRESHOLD:PER_USAGE:80:acme-use-2026",
                    AlertKind.QUOTA_THRESHOLD, LicenseType.PER_USAGE, 80, "acme-use-2026", 8_000, 10_000, AT)),
            sample(AlertRecipientsChanged.class, "1", new AlertRecipientsChanged(PROJECT,
                    List.of("https://hooks.acme.example/license-ledger"), List.of("licensing@acme.example"))),
            sample(LicenseImported.class, "1", new LicenseImported(LICENSE, "Acme Corp",
                    Instant.parse("2025-12-15T10:00:00Z"), "Xq3vN0bq2cYh1Lm4Pz8sTw",
                    "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
                    List.of(DEVICE_ITEM, CONCURRENT_ITEM, USAGE_ITEM))));

    /** The services' upcasters, which turn an event stored under an older name or revision into what is read now. */
    private static final EventUpcaster UPCASTERS = new EventUpcasters();

    /** The serializer the services give Axon for events (axon.serializer.events: jackson3), with their customizer. */
    static final Serializer SERIALIZER = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(new ServiceSupportConfiguration().readableReplayTokens())
            .build();

    private EventSamples() {
    }

    /** A sample's place: the stored type name and revision, as in the event store's columns. */
    record Sample(String payloadType, String revision) {

        String resource() {
            return FOLDER + "/" + payloadType.substring(payloadType.lastIndexOf('.') + 1) + "/"
                    + (revision == null ? NO_REVISION : revision) + ".json";
        }
    }

    /** The revision an event class is written with now: its {@code @Revision}, or null without one. */
    static String currentRevision(Class<?> eventType) {
        Revision revision = eventType.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** Every event class: what implements a stream's event interface, or carries a revision, in the events' package. */
    static List<Class<?>> eventClasses() {
        return new ClassFileImporter().importPackages("io.licenseledger.events").stream()
                .filter(type -> !type.isInterface())
                .filter(type -> type.isAssignableTo(ProjectEvent.class) || type.isAssignableTo(LicenseEvent.class)
                        || type.isAnnotatedWith(Revision.class))
                .map(JavaClass::reflect)
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /** The stored JSON, or null when there is none. */
    static byte[] json(Sample sample) {
        try (InputStream in = EventSamples.class.getClassLoader().getResourceAsStream(sample.resource())) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads stored JSON as the event store does: through the upcasters, then the serializer. */
    static List<Object> read(Sample sample, byte[] json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Sample", "sample", 0,
                "00000000-0000-0000-0000-000000000000", AT, sample.payloadType(), sample.revision(), json,
                "{}".getBytes(StandardCharsets.UTF_8));
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), SERIALIZER, UPCASTERS)
                .asStream().<Object>map(Message::getPayload).toList();
    }

    private static Map.Entry<Sample, List<Object>> sample(Class<?> type, String revision, Object... expected) {
        return sample(type.getName(), revision, expected);
    }

    /** A sample of a type no class has any more: what it is read as now. */
    private static Map.Entry<Sample, List<Object>> sample(String payloadType, String revision, Object... expected) {
        return Map.entry(new Sample(payloadType, revision), Arrays.asList(expected));
    }

    @SafeVarargs
    private static Map<Sample, List<Object>> samples(Map.Entry<Sample, List<Object>>... entries) {
        Map<Sample, List<Object>> samples = new LinkedHashMap<>();
        for (Map.Entry<Sample, List<Object>> entry : entries) {
            samples.put(entry.getKey(), entry.getValue());
        }
        return samples;
    }
}
