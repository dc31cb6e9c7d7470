package io.licenseledger.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IdentifiersTest {

    /** Each identifier's field name, and its value as read from a text. */
    static Stream<Arguments> identifiers() {
        return Stream.of(
                arguments("projectId", (Function<String, String>) text -> Identifiers.projectId(text).value()),
                arguments("deviceId", (Function<String, String>) text -> Identifiers.deviceId(text).value()),
                arguments("appId", (Function<String, String>) text -> Identifiers.appId(text).value()),
                arguments("batchId", (Function<String, String>) text -> Identifiers.batchId(text).value()),
                arguments("feature", (Function<String, String>) text -> Identifiers.feature(text).value()),
                arguments("licenseId", (Function<String, String>) text -> Identifiers.licenseId(text).value()),
                arguments("itemId", (Function<String, String>) text -> Identifiers.itemId(text).value()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifiers")
    void textOfTheAllowedCharactersIsTheIdentifiersValue(String field, Function<String, String> read) {
        String text = "Az09._:-".repeat(16);

        assertThat(read.apply(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifiers")
    void textOutsideTheRuleIsRefusedNamingTheField(String field, Function<String, String> read) {
        assertThatThrownBy(() -> read.apply("dev 1")).isInstanceOf(InvalidValueException.class)
                .hasMessage(field + " must be 1..128 characters of [A-Za-z0-9._:-]");
        assertThatThrownBy(() -> read.apply("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> read.apply("a".repeat(129))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> read.apply(null)).isInstanceOf(InvalidValueException.class)
                .hasMessage(field + " must be 1..128 characters of [A-Za-z0-9._:-] but is missing");
    }

    /** A stored event replays whatever the rule becomes: the records take any text they are given. */
    @ParameterizedTest
    @ValueSource(strings = {"dev 1", "", "usage#0"})
    void identifierRecordsHoldTextOutsideTheRule(String text) {
        assertThat(new DeviceId(text).value()).isEqualTo(text);
        assertThat(new ItemId(text).value()).isEqualTo(text);
    }
}
