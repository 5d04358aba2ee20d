package dev.music.query.projection;

import dev.music.eventstore.EventStoreTables;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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
        Long head = jdbc.queryForObject("select max(global_index) from " + EventStoreTables.EVENTS, Long.class);
        return head == null ? 0 : head;
    }

    /**
     * Whether the projection has applied the event at this index, looking only at the segment
     * that handles {@code sequenceIdentifier} when it is given (a segment that receives no event
     * records its progress only now and then, so waiting for all of them can take seconds), at
     * every segment when it is null.
     */
    public boolean hasApplied(String projection, long globalIndex, Object sequenceIdentifier) {
        if (globalIndex <= 0) {
            return true; // nothing to wait for
        }
        Map<Integer, TrackingToken> tokens = recentTokens(projection);
        if (tokens.isEmpty()) {
            return false;
        }
        if (sequenceIdentifier != null) {
            int[] ids = tokens.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (Segment segment : Segment.computeSegments(ids)) {
                if (segment.matches(sequenceIdentifier)) {
                    return applied(tokens.get(segment.getSegmentId()), globalIndex);
                }
            }
        }
        return tokens.values().stream().allMatch(token -> applied(token, globalIndex));
    }

    /**
     * Whether a token has applied the committed event at {@code globalIndex}: it has passed the
     * index, and the index is not one of its gaps. Only that one index is looked at. The token's
     * other gaps are positions it has passed without an event, and some of them never get one: a
     * transaction that rolls back (or dies with its connection, its process or the database)
     * burns the index it was given. Axon's {@code covers} would count each of those as an event
     * still to come, for as long as the gap stays in the token.
     */
    static boolean applied(TrackingToken token, long globalIndex) {
        TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return globalIndex <= gapAware.getIndex() && !gapAware.getGaps().contains(globalIndex);
        }
        return current != null && current.position().orElse(-1) >= globalIndex;
    }

    /**
     * Whether every event up to {@code head} is applied: each segment has passed it, and none of
     * the positions the segments passed without an event holds one now. A gap that the event store
     * has no event for is a burnt index or a transaction still running; either way it is not an
     * event the read model lacks at this moment.
     */
    public boolean hasCaughtUp(String projection, long head) {
        if (head <= 0) {
            return true;
        }
        Map<Integer, TrackingToken> tokens = recentTokens(projection);
        if (tokens.isEmpty()) {
            return false;
        }
        SortedSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens.values()) {
            TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
            if (current == null || current.position().orElse(-1) < head) {
                return false;
            }
            if (current instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps().headSet(head + 1));
            }
        }
        return gaps.isEmpty() || eventsAmong(gaps) == 0;
    }

    private long eventsAmong(SortedSet<Long> positions) {
        Long events = jdbc.queryForObject(
                "select count(*) from " + EventStoreTables.EVENTS + " where global_index = any(?)", Long.class, (Object)
                        positions.toArray(Long[]::new));
        return events == null ? 0 : events;
    }

    /** The lowest position over the projection's segments: every event up to it is applied. */
    public OptionalLong position(String projection) {
        List<TrackingToken> tokens =
                new java.util.ArrayList<>(tokens(projection).values());
        if (tokens.isEmpty() || tokens.contains(null)) {
            return tokens.isEmpty() ? OptionalLong.empty() : OptionalLong.of(0);
        }
        return OptionalLong.of(
                tokens.stream().mapToLong(t -> t.position().orElse(0)).min().orElse(0));
    }

    /** Waits until the segment of {@code sequenceIdentifier} (all, when null) has applied the event. */
    public boolean awaitApplied(String projection, long globalIndex, Object sequenceIdentifier, Duration timeout)
            throws InterruptedException {
        return await(() -> hasApplied(projection, globalIndex, sequenceIdentifier), timeout);
    }

    /** Waits until every event up to {@code head} is applied; false when the time ran out. */
    public boolean awaitCaughtUp(String projection, long head, Duration timeout) throws InterruptedException {
        return await(() -> hasCaughtUp(projection, head), timeout);
    }

    private static boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
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

    private record Snapshot(long takenAt, Map<Integer, TrackingToken> tokens) {}

    /** Each segment of a projection as the token store has it: its token, owner and last update. */
    public record SegmentState(int segment, TrackingToken token, String owner, String updated) {}

    public List<SegmentState> segments(String projection) {
        return jdbc.query(
                "select segment, token, token_type, owner, timestamp from " + ProcessorTables.TOKENS
                        + " where processor_name = ?" + " order by segment",
                (row, n) -> {
                    byte[] data = row.getBytes(2);
                    String type = row.getString(3);
                    TrackingToken token = data == null || type == null
                            ? null
                            : (TrackingToken) serializer.deserialize(
                                    new SimpleSerializedObject<>(data, byte[].class, type, null));
                    return new SegmentState(row.getInt(1), token, row.getString(4), row.getString(5));
                },
                projection);
    }

    /** When the first event after {@code position} was appended, if there is one. */
    public java.util.Optional<java.time.Instant> appendedAfter(long position) {
        return jdbc
                .query(
                        "select time_stamp from " + EventStoreTables.EVENTS
                                + " where global_index > ? order by global_index limit 1",
                        (rs, n) -> java.time.Instant.parse(rs.getString(1)),
                        position)
                .stream()
                .findFirst();
    }

    /** Each segment's token (null where a segment has none yet). */
    private Map<Integer, TrackingToken> tokens(String projection) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.query(
                "select segment, token, token_type from " + ProcessorTables.TOKENS + " where processor_name = ?",
                row -> {
                    byte[] data = row.getBytes(2);
                    String type = row.getString(3);
                    tokens.put(
                            row.getInt(1),
                            data == null || type == null
                                    ? null
                                    : (TrackingToken) serializer.deserialize(
                                            new SimpleSerializedObject<>(data, byte[].class, type, null)));
                },
                projection);
        return tokens;
    }
}
