package dev.music.query.audit;

import java.time.Instant;

/** One rating event as the event store holds it. */
public record RatingAuditEntry(
        String eventId,
        long globalPosition,
        long userId,
        long songId,
        int stars,
        Integer previousStars,
        Instant time,
        String correlationId,
        String requestId) {

    public static final String CSV_HEADER =
            "event_id,global_position,user,song,stars,previous_stars,time,correlation_id,request_id";

    public String toNdjson() {
        return "{\"event_id\":\"" + eventId + "\",\"global_position\":" + globalPosition + ",\"user\":" + userId
                + ",\"song\":" + songId + ",\"stars\":" + stars + ",\"previous_stars\":" + previousStars
                + ",\"time\":\"" + time + "\",\"correlation_id\":" + quoted(correlationId)
                + ",\"request_id\":" + quoted(requestId) + "}";
    }

    public String toCsv() {
        return eventId + "," + globalPosition + "," + userId + "," + songId + "," + stars + ","
                + (previousStars == null ? "" : previousStars) + "," + time + "," + csv(correlationId) + ","
                + csv(requestId);
    }

    /** Ids come from clients (X-Request-Id): escape them as JSON strings. */
    private static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String csv(String text) {
        if (text == null) {
            return "";
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\""
                : text;
    }
}
