package io.licenseledger.service;

import io.licenseledger.events.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Guards {@code /api/v1/**} with a bearer token, except the public (SDK) paths. Reads (GET) take the admin or the
 * auditor role; everything else takes the admin role.
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final List<String> publicPaths;
    private final ProblemWriter problems;
    private final AntPathMatcher matcher = new AntPathMatcher();

    ApiTokenFilter(ApiTokens tokens, List<String> publicPaths, ProblemWriter problems) {
        this.tokens = tokens;
        this.publicPaths = publicPaths;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !matcher.match("/api/v1/**", path) || publicPaths.stream().anyMatch(p -> matcher.match(p, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Optional<ApiTokens.Principal> principal = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.authenticate(header.substring(7).trim())
                : Optional.empty();
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, ErrorCode.UNAUTHENTICATED, "an admin or auditor API token is required");
            return;
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read && principal.get().role() != ApiTokens.Role.ADMIN) {
            problems.write(response, ErrorCode.FORBIDDEN, "this operation needs the admin role");
            return;
        }
        RequestContext.setActor(request, principal.get().actor());
        chain.doFilter(request, response);
    }
}
