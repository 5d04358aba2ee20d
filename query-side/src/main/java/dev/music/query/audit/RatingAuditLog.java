package dev.music.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.music.eventstore.EventStoreTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rating history, read from the event store itself (not from any projection), in event
 * order, streamed row by row: constant memory whatever its size.
 */
@Repository
public class RatingAuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public RatingAuditLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** The numeric id of a song by its Spotify id, from its first catalog event; removed songs too. */
    public OptionalLong songIdOf(String spotifyId) {
        List<Long> ids = jdbc.query(
                "select convert_from(payload, 'UTF8')::jsonb->>'songId' from " + EventStoreTables.EVENTS
                        + " where aggregate_identifier = ? and sequence_number = 0"
                        + " and payload_type = 'dev.music.events.SongAddedToCatalog'",
                (rs, n) -> rs.getLong(1),
                spotifyId);
        return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
    }

    /** Feeds every rating event matching the filter, oldest first, to {@code sink}. */
    public void stream(AuditFilter filter, Consumer<RatingAuditEntry> sink) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select event_identifier, global_index, payload, meta_data" + " from "
                + EventStoreTables.EVENTS + " where payload_type = 'dev.music.events.RatingSubmitted'");
        if (filter.songId() != null) {
            sql.append(" and aggregate_identifier like ?");
            args.add("rating-" + filter.songId() + "-%");
        }
        if (filter.userId() != null) {
            sql.append(" and aggregate_identifier like ?");
            args.add("rating-%-" + filter.userId());
        }
        sql.append(" order by global_index");
        readOnly.executeWithoutResult(status -> jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql.toString());
                    statement.setFetchSize(FETCH_SIZE);
                    for (int i = 0; i < args.size(); i++) {
                        statement.setObject(i + 1, args.get(i));
                    }
                    return statement;
                },
                row -> {
                    RatingAuditEntry entry = entry(row.getString(1), row.getLong(2), row.getBytes(3), row.getBytes(4));
                    if (filter.admits(entry)) {
                        sink.accept(entry);
                    }
                }));
    }

    private static RatingAuditEntry entry(String eventId, long position, byte[] payload, byte[] metaData) {
        try {
            JsonNode event = JSON.readTree(payload);
            JsonNode meta = metaData == null ? JSON.createObjectNode() : JSON.readTree(metaData);
            JsonNode previous = event.get("previousStars");
            return new RatingAuditEntry(
                    eventId,
                    position,
                    event.get("userId").asLong(),
                    event.get("songId").asLong(),
                    event.get("stars").asInt(),
                    previous == null || previous.isNull() ? null : previous.asInt(),
                    Instant.parse(event.get("at").asText()),
                    text(meta, "correlationId"),
                    text(meta, "requestId"));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable rating event " + eventId, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Which rating events to read; null fields do not filter. Times are inclusive bounds. */
    public record AuditFilter(Long songId, Long userId, Instant since, Instant until) {

        boolean admits(RatingAuditEntry entry) {
            return (since == null || !entry.time().isBefore(since))
                    && (until == null || !entry.time().isAfter(until));
        }
    }
}
