package dev.music.app.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised before a request reaches a controller (a malformed URL or query string that the
 * web server refuses, for one) are answered in the same problem+json shape as all others,
 * instead of the server's default page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.isCause(failure)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .headers(DatabaseUnavailable.headers())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemBody.of(
                            HttpStatus.SERVICE_UNAVAILABLE.value(), null, DatabaseUnavailable.DETAIL, null));
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        Map<String, Object> problem = ProblemBody.of(status.value(), null, detail(status), null);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Not found.";
            case BAD_REQUEST -> "Malformed request.";
            case INTERNAL_SERVER_ERROR -> "A server error occurred.";
            default -> status.getReasonPhrase() + ".";
        };
    }
}
