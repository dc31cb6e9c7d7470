package io.licenseledger.service;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;

import java.util.List;

/**
 * Admin and auditor API tokens ({@code Authorization: Bearer <token>}) as Spring Security authentication: the
 * converter reads the header, the manager looks the token's hash up in {@link ApiTokens}. The authenticated principal
 * is an {@link ApiTokens.Principal} with the authority {@code ROLE_ADMIN} or {@code ROLE_AUDITOR}.
 */
class ApiTokenAuthentication implements AuthenticationConverter, AuthenticationManager {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    ApiTokenAuthentication(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** No bearer header is no attempt: the request stays anonymous. */
    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return UsernamePasswordAuthenticationToken.unauthenticated("bearer", header.substring(BEARER.length()).trim());
    }

    @Override
    public Authentication authenticate(Authentication presented) {
        return tokens.authenticate((String) presented.getCredentials())
                .map(principal -> UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name()))))
                .orElseThrow(() -> new BadCredentialsException("unknown API token"));
    }
}
