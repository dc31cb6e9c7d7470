package io.licenseledger.service;

import io.licenseledger.service.EventSamples.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * An event class must serialize to the shape its stored sample of the current revision has: the same field names
 * and the same kinds of JSON value, all the way down. Events already stored keep the old shape, so a change needs a
 * new revision, with its own sample and an upcaster from the old one.
 */
class EventShapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Class<?>> eventClasses() {
        return EventSamples.eventClasses();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventClasses")
    void eventSerializesToTheShapeOfItsStoredSample(Class<?> eventType) {
        String revision = EventSamples.currentRevision(eventType);
        Sample sample = new Sample(eventType.getName(), revision);
        List<Object> expected = EventSamples.EXPECTED.get(sample);
        byte[] stored = EventSamples.json(sample);
        if (expected == null || stored == null) {
            fail("%s (revision %s) has no stored sample: add shared-events/src/test/resources/%s with JSON as the "
                    + "services write it, and the event it holds to EventSamples.EXPECTED",
                    eventType.getSimpleName(), revision, sample.resource());
        }
        assertThat(expected).as("the events of %s", sample.resource()).singleElement().isInstanceOf(eventType);

        String written = EventSamples.SERIALIZER.serialize(expected.get(0), String.class).getData();

        List<String> differences = differences(shape(JSON.readTree(stored)), shape(JSON.readTree(written)));
        if (!differences.isEmpty()) {
            fail("""
                    The serialized shape of %1$s changed; its stored sample %2$s says (sample -> now):
                      %3$s
                    Events stored as revision %4$s keep the old shape: give %1$s a new @Revision, store a sample of \
                    it beside the old one and add an upcaster from revision %4$s, so that the old sample reads too.
                    It is written now as: %5$s""", eventType.getSimpleName(), sample.resource(),
                    String.join("\n  ", differences), revision, written);
        }
    }

    /** Every path in the JSON, with the kind of value there; array elements share the path {@code name[]}. */
    static Map<String, String> shape(JsonNode json) {
        Map<String, String> shape = new TreeMap<>();
        collect("$", json, shape);
        return shape;
    }

    private static void collect(String path, JsonNode node, Map<String, String> shape) {
        String kind = kindOf(node);
        shape.merge(path, kind, EventShapeTest::mergeKinds);
        if (node.isObject()) {
            node.properties().forEach(field -> collect(path + "." + field.getKey(), field.getValue(), shape));
        } else if (node.isArray()) {
            node.values().forEach(element -> collect(path + "[]", element, shape));
        }
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> node.isIntegralNumber() ? "integer" : "decimal";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }

    /** Elements of one array may leave a field null that others fill; any other mix is kept as it is. */
    private static String mergeKinds(String one, String other) {
        if (one.equals("null")) {
            return other;
        }
        if (other.equals("null") || one.equals(other)) {
            return one;
        }
        return String.join("|", new TreeSet<>(List.of(one, other)));
    }

    private static List<String> differences(Map<String, String> stored, Map<String, String> written) {
        Set<String> paths = new TreeSet<>(stored.keySet());
        paths.addAll(written.keySet());
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            String before = stored.getOrDefault(path, "(none)");
            String now = written.getOrDefault(path, "(none)");
            if (!before.equals(now)) {
                differences.add(path + ": " + before + " -> " + now);
            }
        }
        return differences;
    }
}
