package io.licenseledger.service;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.LicenseId;
import io.licenseledger.events.ProjectId;
import io.licenseledger.events.licensing.ActiveWindow;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.LicenseType;
import io.licenseledger.events.licensing.OveragePolicy;
import io.licenseledger.events.project.QuotaAdded;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventUpcastersTest {

    private final Serializer serializer = Jackson3Serializer.builder().build();

    @Test
    void anItemAttachedOfRevisionOneAsStoredIsReadAsQuotaAdded() throws IOException {
        IntermediateEventRepresentation upcast = upcastStored("ItemAttached", "1", "ItemAttached-1.json");

        assertThat(upcast.getType().getName()).isEqualTo(QuotaAdded.class.getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("1");
        Object event = serializer.deserialize(new SimpleSerializedObject<>(upcast.getData(byte[].class).getData(),
                byte[].class, upcast.getType()));
        assertThat(event).usingRecursiveComparison().isEqualTo(new QuotaAdded(new ProjectId("prj-1"),
                new LicenseId("lic-1"), new LicenseItem(new ItemId("seats-10"), LicenseType.PER_DEVICE, 10,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), ActiveWindow.P30D,
                Duration.ofDays(7), null, OveragePolicy.percent(10), null)));
    }

    @Test
    void otherEventsPassUnchanged() throws IOException {
        IntermediateEventRepresentation upcast = upcastStored("ItemAttached", "2", "ItemAttached-1.json");

        assertThat(upcast.getType().getName()).isEqualTo("io.licenseledger.events.project.ItemAttached");
    }

    private IntermediateEventRepresentation upcastStored(String type, String revision, String sample)
            throws IOException {
        byte[] payload;
        try (InputStream in = getClass().getResourceAsStream("/events-before-upcasting/" + sample)) {
            payload = in.readAllBytes();
        }
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Project", "prj-1", 1, "event-1",
                Instant.parse("2026-03-01T12:00:00Z"), "io.licenseledger.events.project." + type, revision, payload,
                "{}".getBytes());
        List<IntermediateEventRepresentation> upcast = new EventUpcasters()
                .upcast(Stream.of(new InitialEventRepresentation(row, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }
}
