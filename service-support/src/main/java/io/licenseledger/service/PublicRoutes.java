package io.licenseledger.service;

import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Routes a service serves without an API token; each service declares its own as beans. Everything not declared
 * public needs a token (see {@code SecurityConfiguration}).
 */
public record PublicRoutes(List<HttpMethod> methods, List<String> patterns) {

    public PublicRoutes {
        methods = List.copyOf(methods);
        patterns = List.copyOf(patterns);
    }

    /** Documents to read: GET and HEAD. */
    public static PublicRoutes reads(String... patterns) {
        return new PublicRoutes(List.of(HttpMethod.GET, HttpMethod.HEAD), List.of(patterns));
    }

    public static PublicRoutes posts(String... patterns) {
        return new PublicRoutes(List.of(HttpMethod.POST), List.of(patterns));
    }
}
