package dev.music.app.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;

/** Writes a problem+json answer from a filter, where no controller advice reaches. */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BEARER_CHALLENGE = "Bearer realm=\"api\"";

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, int status, String detail, Map<String, Object> extra)
            throws IOException {
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", BEARER_CHALLENGE);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), ProblemBody.of(status, null, detail, extra));
    }
}
