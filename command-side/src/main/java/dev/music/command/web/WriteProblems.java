package dev.music.command.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The write API's (and the token routes') client errors as problem+json that also carries the earlier API's members: a
 * {@code detail}, and for invalid input one member per field holding its messages.
 */
public final class WriteProblems {

    private WriteProblems() {}

    public static ErrorResponseException invalidInput(Map<String, List<String>> messagesByField) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid input.");
        messagesByField.forEach(problem::setProperty);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    public static ErrorResponseException status(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** What a write refused under load is answered: 503 with {@code Retry-After}, the same detail as a busy read. */
    public static final String BUSY = "The service is busy; try again shortly.";

    public static final String RETRY_AFTER_SECONDS = "1";

    public static ErrorResponseException busy() {
        ErrorResponseException busy = status(HttpStatus.SERVICE_UNAVAILABLE, BUSY);
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return busy;
    }

    /** With extra members, such as the earlier API's {@code code}. */
    public static ErrorResponseException status(HttpStatus status, String detail, Map<String, Object> members) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        members.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }
}
