package io.licenseledger.e2e;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Requests as an attacker or a careless client would send them, shaped by the endpoints a service publishes in its
 * OpenAPI document: hostile paths, methods, tokens, content types and bodies, with enough valid values mixed in that
 * many requests get past the first check and reach the deeper ones.
 */
final class HostileRequests {

    record Endpoint(String baseUrl, String method, String path, List<String> queryParameters,
                    Map<String, String> bodyFields) {
    }

    record Request(String baseUrl, String method, String target, Map<String, String> headers, String body) {

        /** The request as written on the wire, with {@code Connection: close}. */
        byte[] bytes() {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(URI.create(baseUrl).getAuthority()).append("\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            wire.writeBytes(content);
            return wire.toByteArray();
        }

        @Override
        public String toString() {
            String shownBody = body == null ? "<none>" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
            Map<String, String> shownHeaders = new LinkedHashMap<>();
            headers.forEach((name, value) ->
                    shownHeaders.put(name, value.length() > 80 ? value.substring(0, 80) + "..." : value));
            return method + " " + target + " " + shownHeaders + " " + shownBody;
        }
    }

    /** What the fuzzer may use as valid values: an existing project, its key, device and items, and the tokens. */
    record Known(String projectId, String licenseKey, String deviceId, String itemId, String licenseFile,
                 String adminToken, String auditorToken) {
    }

    private static final List<String> HOSTILE_STRINGS = List.of(
            "", " ", "a", "..", "../../etc/passwd", "\u0000", "a\u0000b", "\uD800", "\u202Eevil", "ü", "😀",
            "' OR '1'='1", "${jndi:ldap://127.0.0.1/x}", "<script>", "\\", "%00", "%2e%2e%2f", "null", "true",
            "x".repeat(129), "y".repeat(70_000), "LL1.", "LL1.eyJ2IjoxfQ", "LL1.!!!", "Bearer x");
    private static final List<String> HOSTILE_NUMBERS = List.of(
            "0", "-1", "1", "-0", "1.5", "1e3", "1e400", "-1e400", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "18446744073709551614", "99999999999999999999999999999999", "2147483648",
            "1000000000000", "NaN", "0x10");
    private static final List<String> HOSTILE_INSTANTS = List.of(
            "0001-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z", "2026-13-45T25:61:61Z", "2026-12-31T23:59:60Z", "2026-01-01", "2026-01-01T00:00:00",
            "2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00.1234567891Z", "9999-12-31T23:59:59Z", "yesterday");
    private static final List<String> MALFORMED_BODIES = List.of(
            "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a':1}", "\uFEFF{}", "{}{}", "{} trailing", "\u0000",
            "{\"entries\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}", "[" + "1,".repeat(50_000) + "1]",
            "{\"licenseKey\":\"a\",\"licenseKey\":\"b\"}", "\"just a string\"", "123", "null", "true");

    private HostileRequests() {
    }

    /**
     * Requests that are valid but for a few hostile parts (the path, the query, the method, a header, the body's shape
     * or one of its fields), so that each hostile part reaches the check meant for it; now and then all are hostile.
     * The SDK's routes face every client in the field, so they get a larger share of the requests.
     */
    static Arbitrary<Request> against(List<Endpoint> endpoints, Known known) {
        List<Tuple.Tuple2<Integer, Endpoint>> weighted = endpoints.stream()
                .map(endpoint -> Tuple.of(endpoint.path().matches(SDK_ROUTES) ? 8 : 1, endpoint))
                .toList();
        return Arbitraries.frequency(weighted).flatMap(endpoint -> requests(endpoint, known, hostileParts(endpoint)));
    }

    /** Usage reports valid in all but their entries: the numbers and instants of the field. */
    static Arbitrary<Request> usageReportsWithHostileEntries(Endpoint usage, Known known) {
        return requests(usage, known, Arbitraries.just(Set.of(FIELD + "entries")));
    }

    private static Arbitrary<Request> requests(Endpoint endpoint, Known known, Arbitrary<Set<String>> hostileParts) {
        return hostileParts.flatMap(hostile -> Combinators.combine(path(endpoint, known, hostile.contains(PATH)),
                        query(endpoint, hostile.contains(QUERY)), method(endpoint, hostile.contains(METHOD)),
                        headers(endpoint, known, hostile), body(endpoint, known, hostile))
                .as((path, query, method, headers, body) -> new Request(endpoint.baseUrl(), method, path + query,
                        headers, method.equals("GET") || method.equals("HEAD") ? null : body)));
    }

    private static final String SDK_ROUTES = "/api/v1/(usage|authorize|release)";
    private static final String PATH = "path";
    private static final String QUERY = "query";
    private static final String METHOD = "method";
    private static final String AUTHORIZATION = "authorization";
    private static final String CONTENT_TYPE = "content-type";
    private static final String CORRELATION = "correlation-id";
    private static final String BODY = "body";
    private static final String FIELD = "field:";

    private static Arbitrary<Set<String>> hostileParts(Endpoint endpoint) {
        List<String> parts = new ArrayList<>(
                List.of(PATH, QUERY, METHOD, AUTHORIZATION, CONTENT_TYPE, CORRELATION, BODY));
        // the body's fields are where most checks are, and usage entries the most of them: they come up more often
        endpoint.bodyFields().keySet().forEach(field -> parts.addAll(
                Collections.nCopies(field.equals("entries") ? 6 : 2, FIELD + field)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Set.of())),
                Tuple.of(12, Arbitraries.of(parts).set().ofMinSize(1).ofMaxSize(2)),
                Tuple.of(1, Arbitraries.just(Set.copyOf(parts))));
    }

    private static Arbitrary<String> path(Endpoint endpoint, Known known, boolean hostile) {
        List<String> segments = List.of(endpoint.path().substring(1).split("/"));
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (String segment : segments) {
            parts.add(segment.startsWith("{") ? pathVariable(segment, known, hostile) : Arbitraries.just(segment));
        }
        Arbitrary<String> path = Combinators.combine(parts).as(values -> "/" + String.join("/", values));
        if (!hostile) {
            return path;
        }
        return Arbitraries.frequencyOf(Tuple.of(1, path), Tuple.of(2, path.flatMap(HostileRequests::respelled)));
    }

    private static Arbitrary<String> pathVariable(String name, Known known, boolean hostile) {
        Arbitrary<String> valid = switch (name) {
            case "{projectId}" -> Arbitraries.just(known.projectId());
            case "{deviceId}" -> Arbitraries.just(known.deviceId());
            case "{itemId}" -> Arbitraries.just(known.itemId());
            case "{action}" -> Arbitraries.of("suspend", "reinstate", "revoke");
            default -> Arbitraries.just("x");
        };
        if (!hostile) {
            return valid;
        }
        return Arbitraries.frequencyOf(Tuple.of(1, valid), Tuple.of(1, Arbitraries.of("prj_0", "..", "%2e%2e", "%00",
                "%2F", "a%3Bb", "%", "%zz", "%C0%AE", "SUSPEND", "x".repeat(5_000), "%E2%80%AE", "%20", "%u002e",
                "a;b=c", ".")));
    }

    /** The same path in another spelling: one character percent-encoded, matrix parameters, dot segments... */
    private static Arbitrary<String> respelled(String path) {
        return Arbitraries.integers().between(0, path.length() - 1).flatMap(at -> Arbitraries.of(
                path.substring(0, at) + String.format("%%%02X", (int) path.charAt(at)) + path.substring(at + 1),
                path.substring(0, at) + String.format("%%%02x", (int) path.charAt(at)) + path.substring(at + 1),
                path.replaceFirst("/v1", ";x=1/v1"),
                path.replaceFirst("/api", "/api;jsessionid=1"),
                path.replaceFirst("/v1/", "/v1/./"),
                path.replaceFirst("/v1/", "/v1/x/../"),
                path.replace("/", "//"),
                path + "/",
                path + ".json",
                path.toUpperCase(Locale.ROOT),
                path.replaceFirst("/api", "/API"),
                path.replace("/", "%2F"),
                path.replaceFirst("/", "/%2e/")));
    }

    private static Arbitrary<String> query(Endpoint endpoint, boolean hostile) {
        if (!hostile) {
            return Arbitraries.just(endpoint.queryParameters().contains("granularity") ? "?granularity=hour" : "");
        }
        if (endpoint.queryParameters().isEmpty()) {
            return Arbitraries.of("?page=1", "?x=%00", "?" + "a=1&".repeat(2_000));
        }
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(HOSTILE_NUMBERS), Arbitraries.of(HOSTILE_INSTANTS),
                Arbitraries.of("0", "1", "50", "hour", "day", "month", "lastActivityAt,asc", "deviceId,up",
                        "PER_DEVICE",
                        "%zz", "x".repeat(3_000), "%00", "-", "", "0001-01-01", "+999999999-12-31", "2026-02-30"));
        Arbitrary<String> parameter = Combinators.combine(Arbitraries.of(endpoint.queryParameters()), value)
                .as((name, v) -> name + "=" + encodeQuery(v));
        return parameter.list().ofMinSize(1).ofMaxSize(4).map(list -> "?" + String.join("&", list));
    }

    private static Arbitrary<String> method(Endpoint endpoint, boolean hostile) {
        return hostile
                ? Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO")
                : Arbitraries.just(endpoint.method());
    }

    private static Arbitrary<Map<String, String>> headers(Endpoint endpoint, Known known, Set<String> hostile) {
        boolean sdk = endpoint.bodyFields().containsKey("licenseKey");
        Arbitrary<Optional<String>> validAuthorization = sdk ? Arbitraries.just(Optional.empty())
                : endpoint.method().equals("GET") ? Arbitraries.of(Optional.of("Bearer " + known.adminToken()),
                        Optional.of("Bearer " + known.auditorToken()))
                : Arbitraries.just(Optional.of("Bearer " + known.adminToken()));
        Arbitrary<Optional<String>> authorization = !hostile.contains(AUTHORIZATION) ? validAuthorization
                : Arbitraries.of(Optional.empty(), Optional.of("Bearer " + known.auditorToken()),
                Optional.of("Bearer wrong-token-0123456789abcdefgh"), Optional.of("Bearer"), Optional.of("Bearer "),
                Optional.of("Basic YWRtaW46YWRtaW4="), Optional.of("bearer " + known.adminToken()),
                Optional.of("Bearer " + known.adminToken() + "x"), Optional.of("Bearer " + "t".repeat(20_000)),
                Optional.of("Bearer " + known.adminToken() + "\u0001"));
        Arbitrary<Optional<String>> contentType = !hostile.contains(CONTENT_TYPE)
                ? Arbitraries.just(Optional.of("application/json"))
                : Arbitraries.of(Optional.empty(), Optional.of("text/plain"), Optional.of("application/xml"),
                Optional.of("application/json; charset=utf-16"), Optional.of("multipart/form-data; boundary=x"),
                Optional.of("application/x-www-form-urlencoded"), Optional.of("*/*"), Optional.of(";;;"),
                Optional.of("application/problem+json"), Optional.of("application/jose"));
        Arbitrary<Optional<String>> correlation = !hostile.contains(CORRELATION) ? Arbitraries.just(Optional.empty())
                : Arbitraries.of("c-1", "x".repeat(6_000), "${jndi:x}", "a b c", "é", "\r\nX-Injected: 1")
                .map(Optional::of);
        return Combinators.combine(authorization, contentType, correlation).as((auth, type, id) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            auth.ifPresent(value -> headers.put("Authorization", value));
            type.ifPresent(value -> headers.put("Content-Type", value));
            id.ifPresent(value -> headers.put("X-Correlation-Id", value));
            return headers;
        });
    }

    private static Arbitrary<String> body(Endpoint endpoint, Known known, Set<String> hostile) {
        Arbitrary<String> shaped = jsonObject(endpoint.bodyFields(), known, hostile);
        if (!hostile.contains(BODY)) {
            return shaped;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(MALFORMED_BODIES)),
                Tuple.of(1, Arbitraries.of("", "x".repeat(1_100_000), known.licenseFile())));
    }

    /** A JSON object with the endpoint's fields, each valid unless chosen hostile (a bad value or missing). */
    private static Arbitrary<String> jsonObject(Map<String, String> fields, Known known, Set<String> hostile) {
        if (fields.isEmpty()) {
            return Arbitraries.of("{}", "{\"note\":\"n\"}");
        }
        List<Arbitrary<String>> members = new ArrayList<>();
        for (String field : fields.keySet()) {
            Arbitrary<String> value = hostile.contains(FIELD + field)
                    ? Arbitraries.frequencyOf(Tuple.of(4, hostileValue(field)),
                            Tuple.of(1, Arbitraries.just((String) null)))
                    : validValue(field, known);
            members.add(value.map(v -> v == null ? "" : quote(field) + ":" + v));
        }
        return Combinators.combine(members).as(values -> "{" + String.join(",",
                values.stream().filter(v -> !v.isEmpty()).toList()) + "}");
    }

    private static Arbitrary<String> validValue(String field, Known known) {
        return switch (field) {
            case "licenseKey" -> Arbitraries.just(quote(known.licenseKey()));
            case "deviceId" -> Arbitraries.of(known.deviceId(), "fuzz-device-2", "fuzz-device-3")
                    .map(HostileRequests::quote);
            case "batchId" -> Arbitraries.create(() -> quote("b-" + UUID.randomUUID()));
            case "entries" -> entries(false);
            case "itemId" -> Arbitraries.just(quote(known.itemId()));
            case "licenseFile" -> Arbitraries.just(quote(known.licenseFile()));
            case "allowedAppIds" -> Arbitraries.of("[]", "[\"app-1\"]");
            case "webhookUrls" -> Arbitraries.of("[]", "[\"http://127.0.0.1:9/hook\"]");
            case "emailAddresses" -> Arbitraries.of("[]", "[\"ops@example.com\"]");
            case "deviceName", "name", "note" -> Arbitraries.of("\"Fuzz\"", "\"Ünïcødé name\"");
            default -> Arbitraries.just("\"x\"");
        };
    }

    private static Arbitrary<String> hostileValue(String field) {
        Arbitrary<String> anyHostile = Arbitraries.oneOf(
                Arbitraries.of(HOSTILE_STRINGS).map(HostileRequests::quote),
                Arbitraries.of(HOSTILE_NUMBERS),
                Arbitraries.of(HOSTILE_INSTANTS).map(HostileRequests::quote),
                Arbitraries.of("null", "true", "false", "[]", "{}", "[\"\"]", "[null]", "{\"a\":{\"b\":[1]}}",
                        "[" + "\"x\",".repeat(2_000) + "\"x\"]"));
        return field.equals("entries") ? Arbitraries.frequencyOf(Tuple.of(4, entries(true)), Tuple.of(1, anyHostile))
                : anyHostile;
    }

    /** Usage entries; hostile ones have one bad entry among good ones, or a bad count. */
    private static Arbitrary<String> entries(boolean hostile) {
        Instant now = Instant.now();
        Arbitrary<String> goodEntry = Combinators.combine(
                Arbitraries.longs().between(0, 20 * 3_600).map(seconds -> quote(now.minusSeconds(seconds).toString())),
                Arbitraries.longs().between(1, 1_000),
                Arbitraries.of("", ",\"feature\":\"scan\"", ",\"feature\":\"ocr.v2\""))
                .as((at, units, feature) -> "{\"at\":" + at + ",\"units\":" + units + feature + "}");
        if (!hostile) {
            return goodEntry.list().ofMinSize(1).ofMaxSize(5).map(list -> "[" + String.join(",", list) + "]");
        }
        Arbitrary<String> badEntry = Arbitraries.oneOf(
                Arbitraries.of(HOSTILE_INSTANTS).map(at -> "{\"at\":" + quote(at) + ",\"units\":1}"),
                Arbitraries.of(HOSTILE_NUMBERS).map(at -> "{\"at\":" + at + ",\"units\":1}"),
                Arbitraries.of(HOSTILE_NUMBERS).map(units -> "{\"at\":" + quote(now.toString())
                        + ",\"units\":" + units + "}"),
                Arbitraries.of("\"5\"", "null", "[]", "\"\"").map(units -> "{\"at\":" + quote(now.toString())
                        + ",\"units\":" + units + "}"),
                Arbitraries.of(HOSTILE_STRINGS).map(feature -> "{\"at\":" + quote(now.toString())
                        + ",\"units\":1,\"feature\":" + quote(feature) + "}"),
                Arbitraries.of("{}", "null", "[]", "1", "{\"at\":null,\"units\":1}", "{\"units\":1}"));
        Arbitrary<String> oneBadAmongGood = Combinators.combine(goodEntry.list().ofMaxSize(3), badEntry)
                .as((good, bad) -> {
                    List<String> all = new ArrayList<>(good);
                    all.add(bad);
                    return "[" + String.join(",", all) + "]";
                });
        Arbitrary<String> manyHuge = Arbitraries.of(
                "{\"at\":" + quote(now.toString()) + ",\"units\":9223372036854775807}",
                "{\"at\":" + quote(now.toString()) + ",\"units\":1000000000}")
                .flatMap(entry -> Arbitraries.of(2, 3, 10_000, 10_001)
                        .map(n -> "[" + (entry + ",").repeat(n - 1) + entry + "]"));
        return Arbitraries.frequencyOf(
                Tuple.of(6, oneBadAmongGood),
                Tuple.of(1, manyHuge),
                Tuple.of(1, Arbitraries.of("[]", "{}", "null", "[null]", "[1]")));
    }

    private static String quote(String text) {
        return LedgerCluster.JSON.writeValueAsString(text);
    }

    private static String encodeQuery(String value) {
        return value.replace("%", "%25").replace(" ", "%20").replace("+", "%2B").replace("&", "%26")
                .replace("#", "%23").replace("%2500", "%00").replace("%25zz", "%zz");
    }

    /** Every operation of a service's OpenAPI document, with its query parameters and its JSON body's fields. */
    static List<Endpoint> endpointsOf(String baseUrl, JsonNode openApi) {
        List<Endpoint> endpoints = new ArrayList<>();
        JsonNode schemas = openApi.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> path : openApi.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                List<String> query = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if ("query".equals(parameter.path("in").asString())) {
                        query.add(parameter.get("name").asString());
                    }
                }
                Map<String, String> fields = new LinkedHashMap<>();
                JsonNode content = operation.getValue().path("requestBody").path("content");
                Iterator<JsonNode> media = content.values().iterator();
                if (media.hasNext()) {
                    String reference = media.next().path("schema").path("$ref").asString("");
                    JsonNode schema = schemas.path(reference.substring(reference.lastIndexOf('/') + 1));
                    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                        fields.put(property.getKey(), property.getValue().path("type").asString("object"));
                    }
                }
                endpoints.add(new Endpoint(baseUrl, operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        query, fields));
            }
        }
        return endpoints;
    }
}
