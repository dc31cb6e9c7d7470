package io.licenseledger.query.console;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.service.ProblemWriter;
import io.licenseledger.service.PublicRoutes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;

/**
 * Who may use the console: its own filter chain, ahead of the API's, over the console's routes only. A signed-in
 * console session (an HttpOnly, SameSite=Strict cookie holding a random session id; the role and token stay in the
 * server's memory) is the only credential here: a bearer token opens nothing, and every write needs the session's
 * CSRF token. Reads take an admin or auditor session, writes an admin one; everything else in the console is denied.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String SIGN_IN = "/console/sign-in";
    private static final String[] CONSOLE = {"/", "/console", "/console/**", "/webjars/**"};
    private static final String[] PUBLIC_READS = {"/", SIGN_IN, "/console/assets/**", "/webjars/**"};

    /** The console's routes without a session: the way in and the assets its pages load. */
    @Bean
    PublicRoutes consolePublicReads() {
        return PublicRoutes.reads(PUBLIC_READS);
    }

    @Bean
    PublicRoutes consoleSignIn() {
        return PublicRoutes.posts(SIGN_IN);
    }

    @Bean
    HttpSessionSecurityContextRepository consoleSessions() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, HttpSessionSecurityContextRepository sessions,
                                        ProblemWriter problems) throws Exception {
        AuthenticationEntryPoint signInFirst = (request, response, failure) -> signInFirst(request, response, problems);
        AccessDeniedHandler denied = (request, response, refusal) -> {
            if (!signedIn()) {
                signInFirst(request, response, problems);
            } else if (refusal instanceof CsrfException) {
                problems.write(response, ErrorCode.FORBIDDEN,
                        "this page's form token is no longer valid: reload the page and try again");
            } else {
                problems.write(response, ErrorCode.FORBIDDEN, "an auditor may look but not change anything");
            }
        };
        return http
                .securityMatcher(CONSOLE)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(context -> context.securityContextRepository(sessions))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'none'; object-src 'none'")))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signInFirst).accessDeniedHandler(denied))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        .requestMatchers(HttpMethod.POST, SIGN_IN).permitAll()
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.HEAD, "/console", "/console/**").hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers(HttpMethod.POST, "/console/sign-out").hasAnyRole("ADMIN", "AUDITOR")
                        .requestMatchers("/console/**").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .build();
    }

    private static boolean signedIn() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        return current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken);
    }

    /**
     * A page opened in the browser goes to the sign-in page; a request of the page's scripts gets a problem, and
     * htmx is told to go there too.
     */
    private static void signInFirst(HttpServletRequest request, HttpServletResponse response, ProblemWriter problems)
            throws IOException {
        boolean htmx = request.getHeader("HX-Request") != null;
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (!htmx && accept != null && accept.contains("text/html") && HttpMethod.GET.matches(request.getMethod())) {
            response.sendRedirect(SIGN_IN);
            return;
        }
        if (htmx) {
            response.setHeader("HX-Redirect", SIGN_IN);
        }
        problems.write(response, ErrorCode.UNAUTHENTICATED, "sign in to the console first (or again: sessions expire)");
    }
}
