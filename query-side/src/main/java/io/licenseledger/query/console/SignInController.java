package io.licenseledger.query.console;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.service.ApiTokens;
import io.licenseledger.service.Problems;
import io.licenseledger.service.RateLimits;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Optional;

/**
 * The way into the console: the admin or auditor API token, posted once from the sign-in form (never in a URL), is
 * checked as a bearer token is, counted against the client address when wrong, and swapped for a new session.
 */
@Controller
@Hidden
record SignInController(ApiTokens tokens, RateLimits limits, HttpSessionSecurityContextRepository sessions) {

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping(ConsoleSecurity.SIGN_IN)
    String signInPage() {
        return "console/sign-in";
    }

    @PostMapping(ConsoleSecurity.SIGN_IN)
    ResponseEntity<?> signIn(@RequestParam(required = false) String token, HttpServletRequest request,
                             HttpServletResponse response) {
        String presented = token == null ? "" : token.strip();
        Optional<ApiTokens.Principal> principal = presented.isEmpty() ? Optional.empty()
                : limits.checkApiToken(request.getRemoteAddr(), () -> tokens.authenticate(presented));
        if (principal.isEmpty()) {
            ProblemDetail problem = Problems.of(ErrorCode.UNAUTHENTICATED, presented.isEmpty()
                    ? "enter the admin or auditor API token"
                    : "this token is not an admin or auditor API token of this ledger");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
        }
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate();
        }
        HttpSession session = request.getSession(true);
        new ConsoleUser(principal.get(), presented).keepIn(session);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + principal.get().role().name()))));
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
        return ResponseEntity.noContent().header("HX-Redirect", "/console").build();
    }

    @PostMapping("/console/sign-out")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().header("HX-Redirect", ConsoleSecurity.SIGN_IN).build();
    }
}
