package io.licenseledger.service.testing;

import io.licenseledger.service.PublicRoutes;
import io.licenseledger.service.testing.BypassProbe.Mapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor role over every route a service maps (taken from its handler mappings, so a route added later is
 * checked too): with the auditor token every write is refused 403 and nothing reaches the ledger, and every read under
 * {@code /api/v1/} is served (2xx, or 404 for an id the ledger does not hold); without a token every route not
 * documented as public is refused 401, and so it is with a license key in the place of a token.
 */
public final class AuditorRoleProbe {

    /**
     * What a service's routes are checked with. {@code queries}: a query string ("?at=...") per pattern, for reads.
     * {@code sessionRoutes}: path prefixes whose routes take a signed-in console session and no token at all (the
     * query side's admin console), so that any token there, the auditor's included, is answered 401.
     */
    public record Setup(Collection<PublicRoutes> publicRoutes, Set<String> documentedPublicRoutes,
                        Map<String, String> values, Map<String, String> queries, Map<String, String> bodies,
                        String auditorToken, String licenseKey, LongSupplier ledgerEvents, List<String> sessionRoutes) {

        public Setup(Collection<PublicRoutes> publicRoutes, Set<String> documentedPublicRoutes,
                     Map<String, String> values, Map<String, String> queries, Map<String, String> bodies,
                     String auditorToken, String licenseKey, LongSupplier ledgerEvents) {
            this(publicRoutes, documentedPublicRoutes, values, queries, bodies, auditorToken, licenseKey,
                    ledgerEvents, List.of());
        }

        boolean sessionRoute(String path) {
            return sessionRoutes.stream().anyMatch(path::startsWith);
        }
    }

    public record Finding(String rule, String method, String target, RawHttp.Answer answer) {
    }

    public record Report(int reads, int writes) {
    }

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Set<String> READS = Set.of("GET", "HEAD");
    /** License keys from one address stay below the per-address limit of wrong tokens, so authentication answers. */
    private static final int WRONG_TOKENS_PER_ADDRESS = 10;

    private AuditorRoleProbe() {
    }

    /** "METHOD pattern" of each mapped route the service declares public. */
    public static List<String> publicRoutes(RequestMappingHandlerMapping mapping, Collection<PublicRoutes> routes) {
        return BypassProbe.mappings(mapping).stream()
                .filter(mapped -> BypassProbe.isPublic(routes, mapped.method(), mapped.pattern()))
                .map(mapped -> mapped.method() + " " + mapped.pattern())
                .sorted()
                .toList();
    }

    /**
     * Checks every guarded route as the class says, and that only the documented routes are public; fails naming each
     * request that broke a rule. Answers how many reads and writes were checked.
     */
    public static Report assertAuditorRole(RawHttp server, RequestMappingHandlerMapping mapping, Setup setup) {
        assertThat(publicRoutes(mapping, setup.publicRoutes()))
                .as("the public routes are the documented ones")
                .containsExactlyInAnyOrderElementsOf(setup.documentedPublicRoutes());
        long eventsBefore = setup.ledgerEvents().getAsLong();
        List<Finding> findings = new ArrayList<>();
        int reads = 0;
        int writes = 0;
        int licenseKeysSent = 0;
        int sessionRoutesChecked = 0;
        for (Mapping mapped : BypassProbe.mappings(mapping)) {
            if (BypassProbe.isPublic(setup.publicRoutes(), mapped.method(), mapped.pattern())) {
                continue;
            }
            String method = mapped.method();
            boolean write = !READS.contains(method);
            String path = BypassProbe.fill(mapped.pattern(), setup.values());
            String target = write ? path : path + setup.queries().getOrDefault(mapped.pattern(), "");
            String body = write ? setup.bodies().getOrDefault(mapped.pattern(), "{}") : null;

            expect(findings, "no token: 401", method, target,
                    server.send(method, target, Map.of(), body), 401, "UNAUTHENTICATED");
            RawHttp from = server.from("127.4." + (licenseKeysSent / WRONG_TOKENS_PER_ADDRESS / 250) + "."
                    + (licenseKeysSent / WRONG_TOKENS_PER_ADDRESS % 250 + 1));
            licenseKeysSent++;
            expect(findings, "license key as a token: 401", method, target,
                    from.send(method, target, BypassProbe.bearer(setup.licenseKey()), body), 401, "UNAUTHENTICATED");
            RawHttp.Answer auditor = server.send(method, target, BypassProbe.bearer(setup.auditorToken()), body);
            if (setup.sessionRoute(path)) {
                expect(findings, "a token is no console session: 401", method, target, auditor, 401,
                        "UNAUTHENTICATED");
                sessionRoutesChecked++;
            } else if (write) {
                writes++;
                expect(findings, "auditor writes: 403", method, target, auditor, 403, "FORBIDDEN");
            } else if (path.startsWith("/api/v1/")) {
                reads++;
                boolean served = auditor.status() / 100 == 2
                        || auditor.status() == 404 && code(auditor).filter(code -> code.endsWith("NOT_FOUND"))
                        .isPresent();
                if (!served) {
                    findings.add(new Finding("auditor reads: 2xx or 404", method, target, auditor));
                }
            } else {
                expect(findings, "auditor outside /api/v1: 403", method, target, auditor, 403, "FORBIDDEN");
            }
        }
        System.out.printf("auditor role: %d reads and %d writes checked, and %d console routes%n", reads, writes,
                sessionRoutesChecked);
        assertThat(findings).as("requests that broke the auditor role").isEmpty();
        assertThat(setup.ledgerEvents().getAsLong()).as("events recorded by the refused requests")
                .isEqualTo(eventsBefore);
        return new Report(reads, writes);
    }

    private static void expect(List<Finding> findings, String rule, String method, String target,
                               RawHttp.Answer answer, int status, String code) {
        boolean problem = answer.header("Content-Type").filter(type -> type.startsWith("application/problem+json"))
                .isPresent();
        if (answer.status() != status || !problem || !code(answer).filter(code::equals).isPresent()) {
            findings.add(new Finding(rule, method, target, answer));
        }
    }

    private static Optional<String> code(RawHttp.Answer answer) {
        Matcher matcher = CODE.matcher(answer.body());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
