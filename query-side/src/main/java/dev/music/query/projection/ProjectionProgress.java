package dev.music.query.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * How far a projection has got, read from the token store, so it is seen alike by every node
 * (whichever node owns the segments) and by command-line tools.
 */
@Component
public class ProjectionProgress {

    private static final Duration POLL = Duration.ofMillis(20);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public ProjectionProgress(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The global index of the newest event in the event store, 0 when it is empty. */
    public long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** Whether every segment of the projection has applied (or passed) the event at this index. */
    public boolean hasApplied(String projection, long globalIndex) {
        if (globalIndex <= 0) {
            return true; // nothing to wait for
        }
        List<TrackingToken> tokens = tokens(projection);
        if (tokens.isEmpty()) {
            return false;
        }
        GapAwareTrackingToken event = GapAwareTrackingToken.newInstance(globalIndex, Collections.emptySortedSet());
        return tokens.stream().allMatch(token -> token != null && token.covers(event));
    }

    /** The lowest position over the projection's segments: every event up to it is applied. */
    public OptionalLong position(String projection) {
        List<TrackingToken> tokens = tokens(projection);
        if (tokens.isEmpty() || tokens.contains(null)) {
            return tokens.isEmpty() ? OptionalLong.empty() : OptionalLong.of(0);
        }
        return OptionalLong.of(tokens.stream().mapToLong(t -> t.position().orElse(0)).min().orElse(0));
    }

    /** Waits until the projection has applied the event at this index; false when the time ran out. */
    public boolean awaitApplied(String projection, long globalIndex, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasApplied(projection, globalIndex)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    private List<TrackingToken> tokens(String projection) {
        return jdbc.query("select token, token_type from token_entry where processor_name = ? order by segment",
                (row, n) -> {
                    byte[] data = row.getBytes(1);
                    String type = row.getString(2);
                    if (data == null || type == null) {
                        return null;
                    }
                    return (TrackingToken) serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
                }, projection);
    }
}
