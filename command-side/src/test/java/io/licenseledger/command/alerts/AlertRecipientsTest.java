package io.licenseledger.command.alerts;

import io.licenseledger.events.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertRecipientsTest {

    @Test
    void acceptsHttpAndHttpsUrlsAndPlainAddressesAndDropsRepeats() {
        AlertRecipients recipients = new AlertRecipients(
                List.of("https://hooks.example.com/ledger?x=1", "http://10.0.0.7:8080/alerts",
                        "https://hooks.example.com/ledger?x=1"),
                List.of("ops@example.com", "first.last+ledger@mail.example.co.uk"));

        assertThat(recipients.webhookUrls()).containsExactly("https://hooks.example.com/ledger?x=1",
                "http://10.0.0.7:8080/alerts");
        assertThat(recipients.emailAddresses()).containsExactly("ops@example.com",
                "first.last+ledger@mail.example.co.uk");
    }

    @Test
    void missingListsMeanNoRecipients() {
        AlertRecipients recipients = new AlertRecipients(null, null);

        assertThat(recipients.webhookUrls()).isEmpty();
        assertThat(recipients.emailAddresses()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hooks.example.com/x", "/relative/path", "ftp://example.com/x", "mailto:a@b.com",
            "https://", "https:///no-host", "https://user:pass@example.com/x", "https://exa mple.com/",
            "javascript:alert(1)"})
    void refusesAnythingButAnAbsoluteHttpUrlWithAHost(String url) {
        assertThatThrownBy(() -> new AlertRecipients(List.of("https://ok.example.com/", url), List.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("webhookUrls[1] must be an absolute http or https URL");
    }

    @Test
    void refusesOverlongUrls() {
        String url = "https://example.com/" + "a".repeat(AlertRecipients.MAX_URL_LENGTH);

        assertThatThrownBy(() -> new AlertRecipients(List.of(url), List.of()))
                .isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ops", "ops@", "@example.com", "ops@example", "ops@@example.com", "o ps@example.com",
            "ops@example.com\r\nBcc: victim@example.com", "ops@-example.com", "ops@example..com", ".ops@example.com",
            "ops@example.c_m"})
    void refusesAddressesThatAreNotSane(String address) {
        assertThatThrownBy(() -> new AlertRecipients(List.of(), List.of(address)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("emailAddresses[0] must be an e-mail address like name@example.com");
    }

    @Test
    void refusesMoreThanTenOfEach() {
        List<String> urls = IntStream.range(0, 11).mapToObj(i -> "https://example.com/" + i).toList();
        List<String> addresses = IntStream.range(0, 11).mapToObj(i -> "ops" + i + "@example.com").toList();

        assertThatThrownBy(() -> new AlertRecipients(urls, List.of()))
                .isInstanceOf(InvalidValueException.class).hasMessage("webhookUrls may hold at most 10 entries");
        assertThatThrownBy(() -> new AlertRecipients(List.of(), addresses))
                .isInstanceOf(InvalidValueException.class).hasMessage("emailAddresses may hold at most 10 entries");
        assertThat(new AlertRecipients(urls.subList(0, 10), addresses.subList(0, 10)).webhookUrls()).hasSize(10);
    }

    @Test
    void refusesNullEntries() {
        assertThatThrownBy(() -> new AlertRecipients(Arrays.asList("https://example.com/", null), List.of()))
                .isInstanceOf(InvalidValueException.class).hasMessage("webhookUrls[1] must not be null");
        assertThatThrownBy(() -> new AlertRecipients(List.of(), Collections.singletonList(null)))
                .isInstanceOf(InvalidValueException.class).hasMessage("emailAddresses[0] must not be null");
    }
}
