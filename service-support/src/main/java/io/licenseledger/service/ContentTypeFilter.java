package io.licenseledger.service;

import io.licenseledger.events.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a body whose declared type is a wildcard ({@code *}{@code /*}) or no media type at all: Spring MVC would
 * fail on it with an internal error while reading the body.
 */
class ContentTypeFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    ContentTypeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String declared = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (declared != null && !isConcrete(declared)) {
            problems.write(response, ErrorCode.VALIDATION_FAILED, "unsupported content type; send application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String declared) {
        try {
            MediaType type = MediaType.parseMediaType(declared);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
