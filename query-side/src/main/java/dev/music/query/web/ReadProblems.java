package dev.music.query.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The read API's client errors as problem+json that also carries the earlier API's members: a
 * {@code detail}, and for invalid input one member per field holding its messages.
 */
final class ReadProblems {

    private ReadProblems() {}

    static ErrorResponseException invalidInput(Map<String, List<String>> messagesByField) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid input.");
        messagesByField.forEach(problem::setProperty);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(
                HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
    }
}
