package io.licenseledger.query.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;

import java.net.URI;

/** An API call of the console that was refused, or that nothing answered: shown to the user as a problem. */
class LedgerApiRefusal extends RuntimeException {

    private final int status;
    private final String code;

    private LedgerApiRefusal(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    static LedgerApiRefusal answered(int status, JsonNode problem) {
        String detail = problem.path("detail").asString("");
        return new LedgerApiRefusal(status, problem.path("code").asString("HTTP_" + status),
                detail.isBlank() ? "the ledger answered HTTP " + status : detail);
    }

    static LedgerApiRefusal unreachable(URI service) {
        return new LedgerApiRefusal(HttpStatus.BAD_GATEWAY.value(), "SERVICE_UNREACHABLE",
                "the service at " + service + " did not answer; is it running?");
    }

    ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), getMessage());
        problem.setProperty("code", code);
        return problem;
    }
}
