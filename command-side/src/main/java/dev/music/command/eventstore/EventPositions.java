package dev.music.command.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where an aggregate's newest event stands in the event store's global order: the consistency
 * token a write answers, which a reader can wait for.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long newestOf(String aggregateId) {
        return jdbc.query("select global_index from domain_event_entry where aggregate_identifier = ?"
                        + " order by sequence_number desc limit 1", (rs, n) -> rs.getLong(1), aggregateId)
                .stream().findFirst().orElse(0L);
    }
}
