package io.licenseledger.query.console;

import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.LedgerException;
import io.licenseledger.service.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's errors: a refusal of the ledger's API keeps its status, {@code code} and {@code detail}; a page
 * opened in the browser with a wrong id or parameter shows the message on a page, where the page's scripts get the
 * problem document (the service's own advice answers everything else as problem+json).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    @ExceptionHandler(LedgerApiRefusal.class)
    Object refused(LedgerApiRefusal refusal, HttpServletRequest request) {
        return answer(refusal.problem(), request);
    }

    @ExceptionHandler(LedgerException.class)
    Object ledger(LedgerException refusal, HttpServletRequest request) {
        return answer(Problems.of(refusal.code(), refusal.getMessage()), request);
    }

    @ExceptionHandler(InvalidValueException.class)
    Object invalid(InvalidValueException invalid, HttpServletRequest request) {
        return answer(Problems.of(io.licenseledger.events.ErrorCode.VALIDATION_FAILED, invalid.getMessage()), request);
    }

    private static Object answer(ProblemDetail problem, HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (request.getHeader("HX-Request") == null && accept != null && accept.contains("text/html")) {
            ModelAndView page = new ModelAndView("console/error");
            page.addObject("problem", problem);
            page.setStatus(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()));
            return page;
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
