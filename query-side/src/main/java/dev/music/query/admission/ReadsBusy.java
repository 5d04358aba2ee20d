package dev.music.query.admission;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A read refused because as many as may wait already do: 503 problem+json with {@code Retry-After}. */
public final class ReadsBusy extends ErrorResponseException {

    public static final String DETAIL = "The service is busy; try again shortly.";
    public static final String RETRY_AFTER_SECONDS = "1";

    public ReadsBusy() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL),
                null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    /** No stack trace: a refusal is an answer under load, made often and cheaply. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
