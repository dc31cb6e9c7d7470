package io.licenseledger.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.licenseledger.events.ErrorCode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Who may call what, with Spring Security: everything is denied unless a rule below allows it. Reads (GET, HEAD)
 * under {@code /api/v1/} take an admin or auditor token, every other method there an admin token; the routes each
 * service declares as {@link PublicRoutes} need none. Rules match the decoded, normalized path the router sees, and
 * Spring Security's {@code StrictHttpFirewall} (kept as it is) refuses encoded slashes, percents and periods, matrix
 * parameters, dot segments, doubled slashes, backslashes and control characters before any rule is applied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PublicRoutes serviceDocuments() {
        return PublicRoutes.reads("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**");
    }

    /** Also keeps Spring Boot from setting up a user with a generated password. */
    @Bean
    ApiTokenAuthentication apiTokenAuthentication(ApiTokens tokens) {
        return new ApiTokenAuthentication(tokens);
    }

    @Bean
    RateLimits rateLimits(LedgerProperties properties) {
        return new RateLimits(properties.rateLimit(), Ticker.systemTicker());
    }

    @Bean
    RequestRejectedHandler firewallRejectionAsProblem(ProblemWriter problems) {
        return (request, response, rejection) -> problems.write(response, ErrorCode.VALIDATION_FAILED,
                "the request's path or headers are not accepted");
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenAuthentication tokens, RateLimits limits,
                                    ObjectProvider<PublicRoutes> publicRoutes, ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(response, ErrorCode.UNAUTHENTICATED, "a valid admin or auditor API token is required");
        };
        AccessDeniedHandler forbidden = (request, response, denied) ->
                problems.write(response, ErrorCode.FORBIDDEN, "this token's role may not do this");

        AuthenticationFilter bearerTokens = new AuthenticationFilter(tokens, tokens);
        bearerTokens.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        bearerTokens.setSuccessHandler((request, response, authentication) ->
                RequestContext.setActor(request, ((ApiTokens.Principal) authentication.getPrincipal()).actor()));
        bearerTokens.setFailureHandler((request, response, failure) -> {
            limits.tokenFailed(request.getRemoteAddr());
            unauthenticated.commence(request, response, failure);
        });

        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(tokenAttemptLimit(limits, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(bearerTokens, AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> {
                    // Spring Boot's error page, reached only by the server forwarding an error it already answers.
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    publicRoutes.orderedStream().forEach(routes -> routes.methods().forEach(method ->
                            requests.requestMatchers(method, routes.patterns().toArray(String[]::new)).permitAll()));
                    requests.requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole("ADMIN", "AUDITOR")
                            .requestMatchers(HttpMethod.HEAD, "/api/v1/**").hasAnyRole("ADMIN", "AUDITOR")
                            .requestMatchers("/api/v1/**").hasRole("ADMIN")
                            .anyRequest().denyAll();
                })
                .build();
    }

    /** A client address with too many wrong tokens is refused before its next token is looked at. */
    private static OncePerRequestFilter tokenAttemptLimit(RateLimits limits, ProblemWriter problems) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                    try {
                        limits.refuseTokenAttemptIfLimited(request.getRemoteAddr());
                    } catch (RateLimitedException limited) {
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
                        problems.write(response, limited.code(), limited.getMessage());
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }
}
