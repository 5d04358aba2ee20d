package dev.music.query.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far a projection has got, read from the token store, so it is seen alike by every node
 * (whichever node owns the segments) and by command-line tools.
 */
@Component
public class ProjectionProgress {

    private static final Duration POLL = Duration.ofMillis(5);
    /** Waiting readers share one read of the token store per this interval. */
    private static final long SNAPSHOT_NANOS = Duration.ofMillis(4).toNanos();

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Map<String, Snapshot> snapshots = new java.util.concurrent.ConcurrentHashMap<>();

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
        return hasApplied(projection, globalIndex, null);
    }

    /**
     * Whether the projection has applied the event at this index, looking only at the segment
     * that handles {@code sequenceIdentifier} when it is given (a segment that receives no event
     * records its progress only now and then, so waiting for all of them can take seconds).
     */
    public boolean hasApplied(String projection, long globalIndex, Object sequenceIdentifier) {
        if (globalIndex <= 0) {
            return true; // nothing to wait for
        }
        Map<Integer, TrackingToken> tokens = recentTokens(projection);
        if (tokens.isEmpty()) {
            return false;
        }
        GapAwareTrackingToken event = GapAwareTrackingToken.newInstance(globalIndex, Collections.emptySortedSet());
        if (sequenceIdentifier != null) {
            int[] ids = tokens.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (Segment segment : Segment.computeSegments(ids)) {
                if (segment.matches(sequenceIdentifier)) {
                    TrackingToken token = tokens.get(segment.getSegmentId());
                    return token != null && token.covers(event);
                }
            }
        }
        return tokens.values().stream().allMatch(token -> token != null && token.covers(event));
    }

    /** The lowest position over the projection's segments: every event up to it is applied. */
    public OptionalLong position(String projection) {
        List<TrackingToken> tokens = new java.util.ArrayList<>(tokens(projection).values());
        if (tokens.isEmpty() || tokens.contains(null)) {
            return tokens.isEmpty() ? OptionalLong.empty() : OptionalLong.of(0);
        }
        return OptionalLong.of(tokens.stream().mapToLong(t -> t.position().orElse(0)).min().orElse(0));
    }

    /** Waits until the projection has applied the event at this index; false when the time ran out. */
    public boolean awaitApplied(String projection, long globalIndex, Duration timeout) throws InterruptedException {
        return awaitApplied(projection, globalIndex, null, timeout);
    }

    /** Waits until the segment of {@code sequenceIdentifier} (all, when null) has applied the event. */
    public boolean awaitApplied(String projection, long globalIndex, Object sequenceIdentifier, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasApplied(projection, globalIndex, sequenceIdentifier)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /**
     * The tokens as read at most {@link #SNAPSHOT_NANOS} ago: however many readers wait, the token
     * store is read a few hundred times a second at most.
     */
    private Map<Integer, TrackingToken> recentTokens(String projection) {
        Snapshot snapshot = snapshots.get(projection);
        if (snapshot != null && System.nanoTime() - snapshot.takenAt() < SNAPSHOT_NANOS) {
            return snapshot.tokens();
        }
        synchronized (snapshots) {
            snapshot = snapshots.get(projection);
            if (snapshot == null || System.nanoTime() - snapshot.takenAt() >= SNAPSHOT_NANOS) {
                snapshot = new Snapshot(System.nanoTime(), tokens(projection));
                snapshots.put(projection, snapshot);
            }
            return snapshot.tokens();
        }
    }

    private record Snapshot(long takenAt, Map<Integer, TrackingToken> tokens) {
    }

    /** Each segment of a projection as the token store has it: its token, owner and last update. */
    public record SegmentState(int segment, TrackingToken token, String owner, String updated) {
    }

    public List<SegmentState> segments(String projection) {
        return jdbc.query("select segment, token, token_type, owner, timestamp from token_entry where processor_name = ?"
                + " order by segment", (row, n) -> {
            byte[] data = row.getBytes(2);
            String type = row.getString(3);
            TrackingToken token = data == null || type == null ? null
                    : (TrackingToken) serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
            return new SegmentState(row.getInt(1), token, row.getString(4), row.getString(5));
        }, projection);
    }

    /** When the first event after {@code position} was appended, if there is one. */
    public java.util.Optional<java.time.Instant> appendedAfter(long position) {
        return jdbc.query("select time_stamp from domain_event_entry where global_index > ? order by global_index limit 1",
                (rs, n) -> java.time.Instant.parse(rs.getString(1)), position).stream().findFirst();
    }

    /** Each segment's token (null where a segment has none yet). */
    private Map<Integer, TrackingToken> tokens(String projection) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.query("select segment, token, token_type from token_entry where processor_name = ?", row -> {
            byte[] data = row.getBytes(2);
            String type = row.getString(3);
            tokens.put(row.getInt(1), data == null || type == null ? null
                    : (TrackingToken) serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null)));
        }, projection);
        return tokens;
    }
}
