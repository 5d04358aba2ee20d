package dev.music.app.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The members of an error answer: RFC 9457's, in its order ({@code type} included even when it
 * is {@code about:blank}), then the earlier API's extra members (one per invalid field).
 */
public final class ProblemBody {

    private ProblemBody() {}

    public static Map<String, Object> of(int status, String title, String detail, Map<String, Object> extra) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "about:blank");
        members.put("title", title != null ? title : known != null ? known.getReasonPhrase() : "Error");
        members.put("status", status);
        members.put("detail", detail);
        if (extra != null) {
            members.putAll(extra);
        }
        return members;
    }
}
