package io.licenseledger.service;

import io.licenseledger.service.EventSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event ever stored must still read: each stored sample, read as the event store reads it (upcasters, then the
 * services' serializer), holds exactly the events written out for it in {@link EventSamples#EXPECTED}.
 */
class StoredEventSamplesTest {

    static Stream<Sample> samples() {
        return EventSamples.EXPECTED.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void storedSampleReadsAsTheEventsWrittenOutForIt(Sample sample) {
        byte[] json = EventSamples.json(sample);
        assertThat(json).as("shared-events/src/test/resources/%s", sample.resource()).isNotNull();

        List<Object> read = EventSamples.read(sample, json);

        assertThat(read).as(sample.resource()).usingRecursiveComparison()
                .isEqualTo(EventSamples.EXPECTED.get(sample));
    }

    @Test
    void everyStoredSampleHasItsExpectedEvents() throws IOException, URISyntaxException {
        Set<String> expected = EventSamples.EXPECTED.keySet().stream().map(Sample::resource)
                .collect(Collectors.toSet());

        assertThat(storedSamples()).as("samples in shared-events/src/test/resources/%s without an entry in "
                + "EventSamples.EXPECTED", EventSamples.FOLDER).isSubsetOf(expected).isNotEmpty();
    }

    /** The samples' resource names, from shared-events' test classes or its test jar. */
    private static Set<String> storedSamples() throws IOException, URISyntaxException {
        URL folder = EventSamples.class.getClassLoader().getResource(EventSamples.FOLDER);
        assertThat(folder).as("the samples folder on the test class path").isNotNull();
        URI uri = folder.toURI();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return samplesBelow(jar.getPath("/"));
            }
        }
        return samplesBelow(Path.of(uri).getParent());
    }

    private static Set<String> samplesBelow(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(EventSamples.FOLDER))) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
    }
}
