package io.licenseledger.command.alerts;

import io.licenseledger.events.InvalidValueException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A project's alert recipients as an admin asked for them, checked before any command (rule N2): at most
 * {@value #MAX_EACH} webhooks and {@value #MAX_EACH} e-mail addresses; repeats are dropped, order is kept.
 */
record AlertRecipients(List<String> webhookUrls, List<String> emailAddresses) {

    static final int MAX_EACH = 10;
    static final int MAX_URL_LENGTH = 1024;
    static final int MAX_EMAIL_LENGTH = 254;

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern EMAIL = Pattern.compile(
            "(?=[^@]{1,64}@)" + ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    AlertRecipients {
        webhookUrls = distinct(webhookUrls, "webhookUrls");
        emailAddresses = distinct(emailAddresses, "emailAddresses");
        for (int i = 0; i < webhookUrls.size(); i++) {
            requireWebhookUrl(webhookUrls.get(i), "webhookUrls[" + i + "]");
        }
        for (int i = 0; i < emailAddresses.size(); i++) {
            requireEmailAddress(emailAddresses.get(i), "emailAddresses[" + i + "]");
        }
    }

    private static List<String> distinct(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_EACH) {
            throw new InvalidValueException(field + " may hold at most " + MAX_EACH + " entries");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidValueException(field + "[" + i + "] must not be null");
            }
            seen.add(values.get(i));
        }
        return List.copyOf(new ArrayList<>(seen));
    }

    // Messages name the field, never the value: a webhook URL may carry a token of the receiver's.
    private static void requireWebhookUrl(String url, String field) {
        String problem = field + " must be an absolute http or https URL with a host, without user info, of at most "
                + MAX_URL_LENGTH + " characters";
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw new InvalidValueException(problem);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidValueException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
            throw new InvalidValueException(problem);
        }
    }

    private static void requireEmailAddress(String address, String field) {
        if (address.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(address).matches()) {
            throw new InvalidValueException(field + " must be an e-mail address like name@example.com");
        }
    }
}
