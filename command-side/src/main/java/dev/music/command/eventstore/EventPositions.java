package dev.music.command.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Where an aggregate's newest event stands in the event store's global order: the consistency
 * token a write answers, which a reader can wait for.
 */
@Component
public class EventPositions {

    /** The positions of the events appended on this thread while {@link #newestAfter} watches it, by aggregate. */
    private static final ThreadLocal<Map<String, Long>> WATCHED = new ThreadLocal<>();

    private final JdbcTemplate jdbc;

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code append} (a command sent and waited for: Axon handles it on the caller's thread
     * and appends at its end) and answers the position of the aggregate's newest event: the one
     * the event store reported as it appended, without another query; when it reported none (the
     * command appended nothing, or elsewhere), the one the event store holds.
     */
    public long newestAfter(String aggregateId, Runnable append) {
        Map<String, Long> appended = new HashMap<>();
        WATCHED.set(appended);
        try {
            append.run();
        } finally {
            WATCHED.remove();
        }
        Long position = appended.get(aggregateId);
        return position != null ? position : newestOf(aggregateId);
    }

    /** The event store reports each event's position as it appends it; kept only while {@link #newestAfter} watches. */
    public static void appended(String aggregateId, long position) {
        Map<String, Long> watched = WATCHED.get();
        if (watched != null) {
            watched.merge(aggregateId, position, Math::max);
        }
    }

    public long newestOf(String aggregateId) {
        return jdbc.query("select global_index from domain_event_entry where aggregate_identifier = ?"
                        + " order by sequence_number desc limit 1", (rs, n) -> rs.getLong(1), aggregateId)
                .stream().findFirst().orElse(0L);
    }
}
