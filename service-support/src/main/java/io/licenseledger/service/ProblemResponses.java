package io.licenseledger.service;

import io.licenseledger.events.ErrorCode;
import io.licenseledger.events.InvalidValueException;
import io.licenseledger.events.LedgerException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.core.JacksonException;

import java.util.stream.Collectors;

/** Every error leaves as problem+json with a {@code code}; nothing internal leaks into {@code detail}. */
@RestControllerAdvice
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> limited(RateLimitedException e) {
        return ResponseEntity.status(e.code().httpStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ProblemDetail> refused(LedgerException e) {
        return Problems.response(e.code(), e.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        if (e.getCause() instanceof LedgerException refusal) {
            return refused(refusal);
        }
        if (e.getCause() instanceof InvalidValueException invalid) {
            return invalidValue(invalid);
        }
        return unexpected(e);
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return Problems.response(ErrorCode.VALIDATION_FAILED, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        return Problems.response(ErrorCode.VALIDATION_FAILED, describe(e));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException e) {
        return Problems.response(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return Problems.response(ErrorCode.VALIDATION_FAILED, "query parameter " + e.getParameterName() + " is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> wrongParameterType(MethodArgumentTypeMismatchException e) {
        return Problems.response(ErrorCode.VALIDATION_FAILED, "parameter " + e.getName() + " has an invalid value");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(ErrorCode.VALIDATION_FAILED, "unsupported content type " + e.getContentType()
                + "; send application/json");
    }

    /** An Accept header no answer can meet (a JSON resource asked for as HTML): 406, as problem+json all the same. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(406).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.forStatus(406));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(405).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.forStatus(405));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> tooManyParameters(InvalidParameterException e) {
        return Problems.response(ErrorCode.VALIDATION_FAILED, "the query has too many or malformed parameters");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return Problems.response(ErrorCode.NOT_FOUND, "no such resource: /" + e.getResourcePath());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.unexpected(500));
    }

    /** Says which field is wrong without echoing the input back. */
    private static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String path = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            Throwable root = databind.getCause();
            if (root instanceof InvalidValueException invalid) {
                return invalid.getMessage();
            }
            return "field '" + path + "' has the wrong type or format";
        }
        if (cause instanceof InvalidValueException invalid) {
            return invalid.getMessage();
        }
        if (cause instanceof JacksonException) {
            return "the body is not valid JSON";
        }
        return "the request body is missing or unreadable";
    }
}
