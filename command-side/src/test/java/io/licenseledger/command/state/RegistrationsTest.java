package io.licenseledger.command.state;

import io.licenseledger.events.DeviceId;
import io.licenseledger.events.ItemId;
import io.licenseledger.events.licensing.LicenseType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationsTest {

    private static final ItemId ITEM = new ItemId("seats");

    @Test
    void agreesWithAHashMapThroughThousandsOfChangesAndTheFoldsTheyCause() {
        Random random = new Random(42);
        Map<DeviceId, Registration> model = new HashMap<>();
        Registrations registrations = Registrations.empty();
        List<Registrations> earlier = new ArrayList<>();
        List<Map<DeviceId, Registration>> earlierModels = new ArrayList<>();
        for (int change = 0; change < 20_000; change++) {
            DeviceId device = new DeviceId("dev-" + random.nextInt(3_000));
            if (random.nextInt(4) == 0) {
                model.remove(device);
                registrations = registrations.minus(device);
            } else {
                Registration registration = new Registration(ITEM, LicenseType.PER_DEVICE, random.nextBoolean(),
                        Instant.ofEpochSecond(change), change);
                model.put(device, registration);
                registrations = registrations.plus(device, registration);
            }
            if (change % 5_000 == 0) {
                earlier.add(registrations);
                earlierModels.add(Map.copyOf(model));
            }
        }

        assertSame(registrations, model);
        for (int i = 0; i < earlier.size(); i++) {
            assertSame(earlier.get(i), earlierModels.get(i));
        }
    }

    private static void assertSame(Registrations registrations, Map<DeviceId, Registration> model) {
        assertThat(registrations.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .isEqualTo(model);
        model.forEach((device, registration) -> assertThat(registrations.get(device)).isEqualTo(registration));
        assertThat(registrations.get(new DeviceId("dev-never"))).isNull();
    }
}
