package io.licenseledger.service;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonGeneratesTimeOrderedVersion7Uuids() throws InterruptedException {
        IdentifierFactory identifiers = IdentifierFactory.getInstance();
        assertThat(identifiers).isInstanceOf(TimeOrderedIdentifierFactory.class);

        long before = System.currentTimeMillis();
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            generated.add(identifiers.generateIdentifier());
            Thread.sleep(i % 10 == 0 ? 2 : 0);
        }
        long after = System.currentTimeMillis();

        for (String identifier : generated) {
            UUID uuid = UUID.fromString(identifier);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
        }
        // Their text sorts as their times do: milliseconds apart, in the order they were made.
        List<String> millisecondsApart = List.of(generated.get(0), generated.get(11), generated.get(21),
                generated.get(31), generated.get(41));
        assertThat(millisecondsApart).isSorted();
        assertThat(new HashSet<>(generated)).hasSize(generated.size());
    }
}
