package io.licenseledger.query.console;

import io.licenseledger.service.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Who is signed in to a console session, and the API token the console forwards the session's requests to the command
 * side with. The token lives only in the session, in this process's memory (sessions are not persisted), and never
 * in a string a log could print: {@link #toString} leaves it out.
 */
final class ConsoleUser {

    private static final String ATTRIBUTE = ConsoleUser.class.getName();

    private final ApiTokens.Principal principal;
    private final String token;

    ConsoleUser(ApiTokens.Principal principal, String token) {
        this.principal = principal;
        this.token = token;
    }

    /** The signed-in user of the request's session; the console's security lets no request without one this far. */
    static ConsoleUser of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(ATTRIBUTE);
        if (!(user instanceof ConsoleUser signedIn)) {
            throw new IllegalStateException("no console user in this session");
        }
        return signedIn;
    }

    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    String name() {
        return principal.name();
    }

    boolean admin() {
        return principal.role() == ApiTokens.Role.ADMIN;
    }

    String role() {
        return principal.role().name().toLowerCase();
    }

    String bearer() {
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + principal.actor() + "]";
    }
}
