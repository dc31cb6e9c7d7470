package io.licenseledger.service;

import io.licenseledger.events.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Locale;

/** RFC 9457 problem documents with the extra member {@code code} of the SDK contract. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setType(URI.create("urn:license-ledger:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(HttpStatus.valueOf(code.httpStatus()).getReasonPhrase());
        problem.setProperty("code", code.name());
        return problem;
    }

    /**
     * The problem for an HTTP status the server answered on its own (an error page, a request Tomcat refused): the
     * {@code code} that status stands for in the contract, with a detail that does not echo the request.
     */
    public static ProblemDetail forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        ProblemDetail problem = switch (status) {
            case 400 -> of(ErrorCode.VALIDATION_FAILED, "the request is malformed");
            case 401 -> of(ErrorCode.UNAUTHENTICATED, "a valid admin or auditor API token is required");
            case 403 -> of(ErrorCode.FORBIDDEN, "this request is not allowed");
            case 404 -> of(ErrorCode.NOT_FOUND, "no such resource");
            case 405 -> methodNotAllowed();
            case 413 -> of(ErrorCode.PAYLOAD_TOO_LARGE, "the request is too large");
            case 429 -> of(ErrorCode.RATE_LIMITED, "too many failed attempts; retry later");
            default -> status >= 500
                    ? unexpected(status)
                    : withStatus(of(ErrorCode.VALIDATION_FAILED, "the request was refused: " + reason), status);
        };
        problem.setTitle(reason);
        return problem;
    }

    /** A method the resource does not take: 405 with the code {@code NOT_FOUND} (no resource answers it). */
    private static ProblemDetail methodNotAllowed() {
        ProblemDetail problem = withStatus(of(ErrorCode.NOT_FOUND, "this method is not supported here"), 405);
        problem.setTitle("Method Not Allowed");
        return problem;
    }

    static ProblemDetail unexpected(int status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
                "internal error; see the server log");
        problem.setProperty("code", "INTERNAL_ERROR");
        return problem;
    }

    private static ProblemDetail withStatus(ProblemDetail problem, int status) {
        problem.setStatus(status);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ErrorCode code, String detail) {
        return ResponseEntity.status(code.httpStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(code, detail));
    }
}
