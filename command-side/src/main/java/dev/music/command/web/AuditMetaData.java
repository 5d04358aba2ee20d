package dev.music.command.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who asked for a change and under which request: carried by every event for auditors. The
 * client's {@code X-Request-Id} / {@code X-Correlation-Id} are kept when they look sane.
 */
final class AuditMetaData {

    private static final Pattern SANE_ID = Pattern.compile("[\\w.:-]{1,100}");

    private AuditMetaData() {}

    static Map<String, Object> of(HttpServletRequest request, long userId) {
        String requestId = header(request, "X-Request-Id", UUID.randomUUID().toString());
        String correlationId = header(request, "X-Correlation-Id", requestId);
        return Map.of("userId", userId, "requestId", requestId, "correlationId", correlationId);
    }

    /** The header's value when it looks like an id, else the fallback. */
    private static String header(HttpServletRequest request, String name, String fallback) {
        String value = request.getHeader(name);
        return value != null && SANE_ID.matcher(value).matches() ? value : fallback;
    }
}
