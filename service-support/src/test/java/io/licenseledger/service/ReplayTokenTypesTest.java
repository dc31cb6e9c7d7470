package io.licenseledger.service;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayTokenTypesTest {

    private final TrackingToken replay = ReplayToken.createReplayToken(
            GapAwareTrackingToken.newInstance(1_000, List.of(997L)), null);

    @Test
    void theTokenOfAResetIsReadBackAsItWasWritten() {
        Serializer serializer = Jackson3Serializer.builder().jsonMapperBuilderCustomizer(new ReplayTokenTypes()).build();

        SerializedObject<byte[]> stored = serializer.serialize(replay, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(replay);
    }

    @Test
    void withoutItJackson3RefusesTheTokenOfAReset() {
        // Why ReplayTokenTypes exists: when this starts passing, Axon reads replay tokens with Jackson 3 by itself.
        Serializer serializer = Jackson3Serializer.builder().build();

        SerializedObject<byte[]> stored = serializer.serialize(replay, byte[].class);

        assertThatThrownBy(() -> serializer.deserialize(stored)).isInstanceOf(SerializationException.class);
    }

    @Test
    void typeIdsOutsideAxonAreStillRefused() {
        Serializer serializer = Jackson3Serializer.builder().jsonMapperBuilderCustomizer(new ReplayTokenTypes()).build();
        String forged = "{\"tokenAtReset\":null,\"currentToken\":null,\"context\":{\"@class\":\"java.util.HashMap\"}}";

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(
                forged.getBytes(StandardCharsets.UTF_8), byte[].class, ReplayToken.class.getName(), null)))
                .isInstanceOf(SerializationException.class)
                .hasStackTraceContaining("java.util.HashMap");
    }
}
