package dev.music.app.problem;

import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as {@code application/problem+json} (RFC 9457) whose {@code detail} is worded as
 * the earlier API worded it. Nothing a client sends yields a 500; a database that cannot serve
 * yields a 503 with {@code Retry-After}; anything unforeseen is logged and answered without internals.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(status, "Method \"" + ex.getMethod() + "\" not allowed.");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(
                ex, ProblemDetail.forStatusAndDetail(status, "Not found."), headers, status, request);
    }

    /** Writes every problem as {@link ProblemBody} lays it out, as {@code application/problem+json}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (!(body instanceof ProblemDetail problem)) {
            return super.createResponseEntity(body, headers, statusCode, request);
        }
        Map<String, Object> members =
                ProblemBody.of(problem.getStatus(), problem.getTitle(), problem.getDetail(), problem.getProperties());
        HttpHeaders answer = new HttpHeaders();
        answer.putAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(members, answer, statusCode);
    }

    /** A query string whose percent-escapes are broken or not UTF-8. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> malformedQuery(InvalidParameterException ex, WebRequest request) {
        HttpStatus status = HttpStatus.BAD_REQUEST;
        return handleExceptionInternal(
                ex,
                ProblemDetail.forStatusAndDetail(
                        status, "Malformed query string: it is not valid percent-encoded UTF-8."),
                new HttpHeaders(),
                status,
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (DatabaseUnavailable.isCause(ex)) {
            DatabaseUnavailable.log(request.getDescription(false), ex);
            HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
            return handleExceptionInternal(
                    ex,
                    ProblemDetail.forStatusAndDetail(status, DatabaseUnavailable.DETAIL),
                    DatabaseUnavailable.headers(),
                    status,
                    request);
        }
        log.error("Unexpected error on {}", request.getDescription(false), ex);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        return handleExceptionInternal(
                ex,
                ProblemDetail.forStatusAndDetail(status, "A server error occurred."),
                new HttpHeaders(),
                status,
                request);
    }
}
