package io.licenseledger.licenseformat;

import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.LicenseItem;
import io.licenseledger.events.licensing.OveragePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.licenseledger.licenseformat.LicenseFixtures.CONCURRENT_ITEM;
import static io.licenseledger.licenseformat.LicenseFixtures.PER_DEVICE_ITEM;
import static io.licenseledger.licenseformat.LicenseFixtures.PER_USAGE_ITEM;
import static io.licenseledger.licenseformat.LicenseFixtures.item;
import static io.licenseledger.licenseformat.LicenseFixtures.json;
import static io.licenseledger.licenseformat.LicenseFixtures.validDocument;
import static io.licenseledger.licenseformat.LicenseFixtures.validPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LicenseDocumentTest {

    @Test
    void validPayloadIsReadWithItsItemsInOrder() throws LicenseFormatException {
        LicenseDocument document = validDocument();

        assertThat(document.licenseId().value()).isEqualTo("ACME-2026-001");
        assertThat(document.licensee()).isEqualTo("Acme Corp");
        assertThat(document.issuedAt()).isEqualTo(LicenseFixtures.ISSUED_AT);
        assertThat(document.items()).extracting(LicenseItem::itemId)
                .containsExactly(new ItemId("dev-1"), new ItemId("conc-1"), new ItemId("usage-1"));
        assertThat(document.items()).extracting(LicenseItem::quantity).containsExactly(10L, 5L, 100_000L);
    }

    @Test
    void omittedOptionsTakeTheDefaultsOfEachType() throws LicenseFormatException {
        LicenseDocument document = validDocument();

        LicenseItem perDevice = document.items().get(PER_DEVICE_ITEM);
        LicenseItem concurrent = document.items().get(CONCURRENT_ITEM);
        LicenseItem perUsage = document.items().get(PER_USAGE_ITEM);
        assertThat(perDevice.overage()).isEqualTo(OveragePolicy.percent(10));
        assertThat(perDevice.seatLease()).isNull();
        assertThat(concurrent.overage()).isEqualTo(OveragePolicy.NONE);
        assertThat(concurrent.seatLease()).isEqualTo(Duration.ofMinutes(3));
        assertThat(perUsage.overage()).isEqualTo(OveragePolicy.percent(5));
        assertThat(perUsage.activeWindow()).isNull();
    }

    @Test
    void givenOptionsOverrideTheDefaults() throws LicenseFormatException {
        ObjectNode payload = validPayload();
        item(payload, PER_DEVICE_ITEM).put("overage", "UNLIMITED");
        item(payload, CONCURRENT_ITEM).put("seatLease", "PT10M");
        item(payload, PER_USAGE_ITEM).put("overage", "PERCENT(20)");

        LicenseDocument document = LicenseDocument.parse(json(payload));

        assertThat(document.items().get(PER_DEVICE_ITEM).overage()).isEqualTo(OveragePolicy.UNLIMITED);
        assertThat(document.items().get(CONCURRENT_ITEM).seatLease()).isEqualTo(Duration.ofMinutes(10));
        assertThat(document.items().get(PER_USAGE_ITEM).overage()).isEqualTo(OveragePolicy.percent(20));
    }

    @Test
    void writtenJsonReadsBackAsTheSameDocument() throws LicenseFormatException {
        ObjectNode payload = validPayload();
        item(payload, PER_USAGE_ITEM).put("renewalOf", "usage-0");
        LicenseDocument document = LicenseDocument.parse(json(payload));

        assertThat(LicenseDocument.parse(document.toJson())).isEqualTo(document);
    }

    static Stream<Arguments> malformedPayloads() {
        return Stream.of(
                refused("licenseId missing", p -> p.remove("licenseId"), "licenseId is required"),
                refused("licenseId with a space", p -> p.put("licenseId", "ACME 1"), "licenseId must be"),
                refused("licenseId with a slash", p -> p.put("licenseId", "ACME/1"), "licenseId must be"),
                refused("licensee blank", p -> p.put("licensee", " "), "licensee"),
                refused("issuedAt not a time", p -> p.put("issuedAt", "yesterday"), "issuedAt"),
                refused("items empty", p -> p.putArray("items"), "items must be a non-empty array"),
                refused("items missing", p -> p.remove("items"), "items must be a non-empty array"),
                refused("itemId with a space", p -> item(p, PER_DEVICE_ITEM).put("itemId", "dev 1"),
                        "items[0]: itemId must be"),
                refused("renewalOf with a hash", p -> item(p, PER_USAGE_ITEM).put("renewalOf", "usage#0"),
                        "items[2]: "),
                refused("type unknown", p -> item(p, PER_DEVICE_ITEM).put("type", "PER_SEAT"), "items[0]: type"),
                refused("seats on PER_USAGE", p -> item(p, PER_USAGE_ITEM).put("seats", 5),
                        "items[2]: seats does not apply to PER_USAGE"),
                refused("units missing", p -> item(p, PER_USAGE_ITEM).remove("units"), "items[2]: units"),
                refused("units zero", p -> item(p, PER_USAGE_ITEM).put("units", 0), "items[2]: units"),
                refused("units as text", p -> item(p, PER_USAGE_ITEM).put("units", "100"), "items[2]: units"),
                refused("seats missing", p -> item(p, CONCURRENT_ITEM).remove("seats"), "items[1]: seats"),
                refused("offlineWindow PT2M", p -> item(p, PER_DEVICE_ITEM).put("offlineWindow", "PT2M"),
                        "items[0]: offlineWindow"),
                refused("offlineWindow P366D", p -> item(p, PER_USAGE_ITEM).put("offlineWindow", "P366D"),
                        "items[2]: offlineWindow"),
                refused("activeWindow missing on PER_DEVICE", p -> item(p, PER_DEVICE_ITEM).remove("activeWindow"),
                        "items[0]: activeWindow"),
                refused("activeWindow not one of the four", p -> item(p, PER_DEVICE_ITEM).put("activeWindow", "P7D"),
                        "items[0]: activeWindow"),
                refused("activeWindow on PER_USAGE", p -> item(p, PER_USAGE_ITEM).put("activeWindow", "P30D"),
                        "items[2]: activeWindow"),
                refused("seatLease on PER_DEVICE", p -> item(p, PER_DEVICE_ITEM).put("seatLease", "PT3M"),
                        "items[0]: seatLease"),
                refused("seatLease zero", p -> item(p, CONCURRENT_ITEM).put("seatLease", "PT0S"),
                        "items[1]: seatLease must be a positive duration"),
                refused("seatLease negative", p -> item(p, CONCURRENT_ITEM).put("seatLease", "-PT1M"),
                        "items[1]: seatLease must be a positive duration"),
                refused("item renewing itself", p -> item(p, PER_USAGE_ITEM).put("renewalOf", "usage-1"),
                        "items[2]: an item cannot renew itself"),
                refused("overage PERCENT(0)", p -> item(p, PER_DEVICE_ITEM).put("overage", "PERCENT(0)"),
                        "items[0]: overage"),
                refused("overage PERCENT(101)", p -> item(p, PER_DEVICE_ITEM).put("overage", "PERCENT(101)"),
                        "items[0]: overage"),
                refused("overage FOO", p -> item(p, PER_USAGE_ITEM).put("overage", "FOO"), "items[2]: overage"),
                refused("validFrom after validUntil",
                        p -> item(p, CONCURRENT_ITEM).put("validFrom", "2027-06-01T00:00:00Z"),
                        "items[1]: validFrom must be before validUntil"),
                refused("validUntil missing", p -> item(p, CONCURRENT_ITEM).remove("validUntil"),
                        "items[1]: validUntil"),
                refused("itemId twice", p -> item(p, PER_USAGE_ITEM).put("itemId", "dev-1"),
                        "items[2].itemId dev-1 appears twice"),
                refused("seats over 1,000,000", p -> item(p, CONCURRENT_ITEM).put("seats", 1_000_001),
                        "items[1]: seats must be a whole number from 1 to 1000000"),
                refused("seats beyond long", p -> item(p, CONCURRENT_ITEM)
                        .put("seats", new java.math.BigInteger("18446744073709551614")), "items[1]: seats"),
                refused("seats with an exponent", p -> item(p, CONCURRENT_ITEM).put("seats", 1e3),
                        "items[1]: seats"),
                refused("units over 10^12", p -> item(p, PER_USAGE_ITEM).put("units", 1_000_000_000_001L),
                        "items[2]: units must be a whole number from 1 to 1000000000000"),
                refused("seatLease over 365 days", p -> item(p, CONCURRENT_ITEM).put("seatLease", "P366D"),
                        "items[1]: seatLease must be at most"),
                refused("validFrom before 2000", p -> item(p, CONCURRENT_ITEM).put("validFrom", "1999-12-31T23:59:59Z"),
                        "items[1]: validFrom must be from 2000-01-01T00:00:00Z"),
                refused("validFrom at Instant.MIN", p -> item(p, CONCURRENT_ITEM)
                        .put("validFrom", "-1000000000-01-01T00:00:00Z"), "items[1]: validFrom must be from"),
                refused("validUntil in year 10000", p -> item(p, CONCURRENT_ITEM)
                        .put("validUntil", "+10000-01-01T00:00:00Z"), "items[1]: validUntil must be from"),
                refused("validUntil as epoch seconds", p -> item(p, CONCURRENT_ITEM).put("validUntil", 1798761600),
                        "items[1]: validUntil must be a string"),
                refused("issuedAt in year 1", p -> p.put("issuedAt", "0001-01-01T00:00:00Z"),
                        "issuedAt must be from"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPayloads")
    void malformedPayloadIsRefusedNamingTheField(String change, Consumer<ObjectNode> spoil, String expectedMessage) {
        ObjectNode payload = validPayload();
        spoil.accept(payload);

        assertThatThrownBy(() -> LicenseDocument.parse(json(payload)))
                .isInstanceOf(LicenseFormatException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void payloadThatIsNotAJsonObjectIsRefused() {
        assertThatThrownBy(() -> LicenseDocument.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LicenseFormatException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> LicenseDocument.parse("{\"licenseId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LicenseFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    private static Arguments refused(String change, Consumer<ObjectNode> spoil, String expectedMessage) {
        return arguments(change, spoil, expectedMessage);
    }
}
