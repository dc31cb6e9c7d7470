package io.licenseledger.service.testing;

import io.licenseledger.service.PublicRoutes;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tries to get past authentication: every guarded route of a running service, taken from its own handler mappings,
 * in many spellings of its path, with several methods, without a token, with a wrong token, and with the auditor
 * token on writes. Any answer but an error in problem+json with a {@code code} is a finding.
 */
public final class BypassProbe {

    /** A route with its path variables filled in, and the body its handler would accept. */
    public record Route(String method, String path, String body) {
    }

    public record Finding(String method, String target, String credential, RawHttp.Answer answer) {
    }

    public record Report(int requests, List<Finding> findings) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"[A-Z_]+\"");
    /** Wrong tokens from one address stay below the per-address failure limit, so authentication itself answers. */
    private static final int WRONG_TOKENS_PER_ADDRESS = 10;

    private BypassProbe() {
    }

    /** A method and path pattern the application maps to a handler. */
    public record Mapping(String method, String pattern) {
    }

    /** Every method and pattern of the application's handlers; one mapped to no particular method as GET and POST. */
    public static List<Mapping> mappings(RequestMappingHandlerMapping mapping) {
        Set<Mapping> mappings = new LinkedHashSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            List<String> names = methods.isEmpty() ? List.of("GET", "POST") : methods.stream().map(Enum::name).toList();
            for (String pattern : info.getPatternValues()) {
                for (String method : names) {
                    mappings.add(new Mapping(method, pattern));
                }
            }
        }
        return List.copyOf(mappings);
    }

    /**
     * The application's routes that are not declared public, with {@code {variable}} replaced by
     * {@code values.get(variable)} and the body {@code bodies} gives for the pattern ("{}" otherwise). Routes mapped
     * to no particular method are tried with GET and POST.
     */
    public static List<Route> guardedRoutes(RequestMappingHandlerMapping mapping, Collection<PublicRoutes> publicRoutes,
                                            Map<String, String> values, Map<String, String> bodies) {
        Set<Route> routes = new LinkedHashSet<>();
        for (Mapping mapped : mappings(mapping)) {
            if (!isPublic(publicRoutes, mapped.method(), mapped.pattern())) {
                routes.add(new Route(mapped.method(), fill(mapped.pattern(), values),
                        bodies.getOrDefault(mapped.pattern(), "{}")));
            }
        }
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return sorted;
    }

    /**
     * The same path spelled differently: each character percent-encoded (upper and lower hex), matrix parameters,
     * dot segments, doubled and trailing slashes, and the case of each segment changed; each variant alone.
     */
    public static Set<String> spellings(String path) {
        Set<String> spellings = new LinkedHashSet<>();
        for (int i = 0; i < path.length(); i++) {
            String hex = String.format("%02X", (int) path.charAt(i));
            spellings.add(path.substring(0, i) + "%" + hex + path.substring(i + 1));
            spellings.add(path.substring(0, i) + "%" + hex.toLowerCase(Locale.ROOT) + path.substring(i + 1));
        }
        String[] segments = path.substring(1).split("/");
        for (int k = 0; k < segments.length; k++) {
            spellings.add(join(segments, k, segments[k] + ";x=1"));
            spellings.add(join(segments, k, "." + "/" + segments[k]));
            spellings.add(join(segments, k, "x/../" + segments[k]));
            spellings.add(join(segments, k, segments[k] + "/."));
            spellings.add(join(segments, k, "/" + segments[k]));
            spellings.add(join(segments, k, segments[k] + "/"));
            spellings.add(join(segments, k, segments[k].toUpperCase(Locale.ROOT)));
            spellings.add(join(segments, k, swapFirstLetterCase(segments[k])));
            spellings.add(join(segments, k, segments[k] + "\\"));
        }
        spellings.add(path + "/");
        spellings.add(path + "//");
        spellings.add(path + "/.");
        spellings.add(path + "/x/..");
        spellings.add(path + ";");
        spellings.add(path.toUpperCase(Locale.ROOT));
        spellings.add("/." + path);
        spellings.add("/.." + path);
        spellings.remove(path);
        return spellings;
    }

    /** Probes every route, as {@link #probe}: none of more than 5,000 requests reaches a handler. */
    public static void assertNoneReachesAHandler(RawHttp server, List<Route> routes, String wrongToken,
                                                 String auditorToken) {
        Report report = probe(server, routes, wrongToken, auditorToken);
        System.out.printf("bypass probe: %d requests on %d routes%n", report.requests(), routes.size());
        assertThat(report.findings()).isEmpty();
        assertThat(report.requests()).isGreaterThan(5_000);
    }

    /** Sends every spelling of every route; wrong tokens come from a range of loopback addresses (Linux). */
    public static Report probe(RawHttp server, List<Route> routes, String wrongToken, String auditorToken) {
        List<Runnable> requests = new ArrayList<>();
        ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
        AtomicInteger wrongTokensSent = new AtomicInteger();
        for (Route route : routes) {
            boolean write = !Set.of("GET", "HEAD").contains(route.method());
            Set<String> methods = new LinkedHashSet<>(List.of(route.method(), "HEAD", "OPTIONS"));
            for (String target : spellings(route.path())) {
                for (String method : methods) {
                    String body = Set.of("POST", "PUT", "PATCH").contains(method) ? route.body() : null;
                    requests.add(() -> check(server, method, target, "none", Map.of(), body, findings));
                    requests.add(() -> {
                        int n = wrongTokensSent.getAndIncrement() / WRONG_TOKENS_PER_ADDRESS;
                        RawHttp from = server.from("127.2." + (n / 250) + "." + (n % 250 + 1));
                        check(from, method, target, "wrong token", bearer(wrongToken), body, findings);
                    });
                    if (write && !method.equals("HEAD")) {
                        requests.add(() -> check(server, method, target, "auditor token", bearer(auditorToken), body,
                                findings));
                    }
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture.allOf(requests.stream().map(request -> CompletableFuture.runAsync(request, pool))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        return new Report(requests.size(), List.copyOf(findings));
    }

    private static void check(RawHttp server, String method, String target, String credential,
                              Map<String, String> headers, String body, Collection<Finding> findings) {
        RawHttp.Answer answer = server.send(method, target, headers, body);
        boolean problem = answer.header("Content-Type").filter(type -> type.startsWith("application/problem+json"))
                .isPresent();
        boolean coded = method.equals("HEAD") || CODE.matcher(answer.body()).find();
        if (answer.status() < 400 || !problem || !coded) {
            findings.add(new Finding(method, target, credential, answer));
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static boolean isPublic(Collection<PublicRoutes> publicRoutes, String method, String pattern) {
        return publicRoutes.stream().anyMatch(routes -> routes.patterns().contains(pattern)
                && routes.methods().stream().anyMatch(m -> m.name().equals(method)));
    }

    static String fill(String pattern, Map<String, String> values) {
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = values.get(variable.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + variable.group(1) + "} in " + pattern);
            }
            variable.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(path).toString();
    }

    private static String join(String[] segments, int k, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            path.append('/').append(i == k ? replacement : segments[i]);
        }
        return path.toString();
    }

    private static String swapFirstLetterCase(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isLetter(c)) {
                char swapped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return segment.substring(0, i) + swapped + segment.substring(i + 1);
            }
        }
        return segment;
    }
}
