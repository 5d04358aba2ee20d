package dev.music.query.rebuild;

import dev.music.events.RatingSubmitted;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.eventstore.EventStoreTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the event store in large batches of rows (only the columns a projection needs), keeping
 * a position the way Axon's tracking processors do: the highest global index read and the gaps
 * below it, indexes not visible when they were passed (a transaction still in flight, or one
 * that rolled back). A gap is read again on every later batch until it shows up, or until the
 * event after it is older than {@link #GAP_TIMEOUT}, as Axon gives up on gaps.
 */
final class EventStoreCursor {

    /** Axon's JDBC event store's default: a gap older than this is a rolled-back transaction. */
    static final Duration GAP_TIMEOUT = Duration.ofMinutes(1);

    /** The events a songs projection reads; the payloads of others are not even deserialized. */
    private static final Set<String> SONG_EVENTS = Set.of(
            SongAddedToCatalog.class.getName(),
            SongDetailsCorrected.class.getName(),
            SongRemovedFromCatalog.class.getName(),
            RatingSubmitted.class.getName());

    private static final String COLUMNS = "select global_index, payload_type, payload_revision, payload, time_stamp"
            + " from " + EventStoreTables.EVENTS;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Clock clock;
    private long index;
    /** Each gap, with the time of the event that came after it. */
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();

    EventStoreCursor(JdbcTemplate jdbc, Serializer serializer, Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
    }

    /** An event at its global index; the payload is null for events no songs projector reads. */
    record Event(long globalIndex, Object payload) {}

    /** The highest global index read. */
    long index() {
        return index;
    }

    /** Where the cursor stands, as a token a tracking processor can go on from. */
    GapAwareTrackingToken token() {
        return GapAwareTrackingToken.newInstance(index, gaps.keySet());
    }

    /** The next events: gaps that have filled since, then up to {@code limit} events past the index. */
    List<Event> next(int limit) {
        List<Event> events = new ArrayList<>();
        if (!gaps.isEmpty()) {
            Long[] waiting = gaps.keySet().toArray(Long[]::new);
            jdbc.query(
                    connection -> {
                        var statement = connection.prepareStatement(
                                COLUMNS + " where global_index = any (?) order by global_index");
                        statement.setArray(1, connection.createArrayOf("bigint", waiting));
                        return statement;
                    },
                    row -> {
                        gaps.remove(row.getLong(1));
                        events.add(event(row));
                    });
            Instant expired = clock.instant().minus(GAP_TIMEOUT);
            gaps.values().removeIf(after -> after.isBefore(expired));
        }
        jdbc.query(
                COLUMNS + " where global_index > ? order by global_index limit ?",
                row -> {
                    long at = row.getLong(1);
                    if (at > index + 1) {
                        Instant after = Instant.parse(row.getString(5));
                        if (after.isAfter(clock.instant().minus(GAP_TIMEOUT))) {
                            for (long gap = index + 1; gap < at; gap++) {
                                gaps.put(gap, after);
                            }
                        }
                    }
                    index = at;
                    events.add(event(row));
                },
                index,
                limit);
        return events;
    }

    private Event event(ResultSet row) throws SQLException {
        long globalIndex = row.getLong(1);
        String type = row.getString(2);
        if (!SONG_EVENTS.contains(type)) {
            return new Event(globalIndex, null);
        }
        try {
            return new Event(
                    globalIndex,
                    serializer.deserialize(
                            new SimpleSerializedObject<>(row.getBytes(4), byte[].class, type, row.getString(3))));
        } catch (RuntimeException e) {
            throw new RebuildFailedException(
                    "the event at global index " + globalIndex + " (" + type + ") cannot be read: " + e.getMessage(),
                    e);
        }
    }
}
