package dev.music.query.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.music.query.projection.DeadLetters;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.rebuild.ProjectionRebuilds;
import dev.music.query.rebuild.RebuildRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.ReplayToken;
import org.springframework.stereotype.Component;

/**
 * What an operator sees of each projection: how far it is, how far behind, in what state, and
 * its latest rebuild (running: with its progress and ETA), the events it has parked.
 */
@Component
public class ProjectionStatus {

    private final ProjectionProgress progress;
    private final ProjectionRebuilds rebuilds;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public ProjectionStatus(
            ProjectionProgress progress, ProjectionRebuilds rebuilds, DeadLetters deadLetters, Clock clock) {
        this.progress = progress;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    public List<Status> all() {
        return rebuilds.projections().stream().map(this::of).toList();
    }

    public Status of(String name) {
        long head = progress.head();
        List<ProjectionProgress.SegmentState> segments = progress.segments(name);
        long position = progress.position(name).orElse(0);
        long lagEvents = Math.max(0, head - position);
        long lagMs = lagEvents == 0
                ? 0
                : progress.appendedAfter(position)
                        .map(t ->
                                Math.max(0, Duration.between(t, clock.instant()).toMillis()))
                        .orElse(0L);
        boolean replaying = segments.stream().anyMatch(s -> replaying(s.token()));
        RebuildRecord rebuild = rebuilds.latest(name).orElse(null);
        String state = segments.isEmpty()
                ? "not started"
                : replaying ? "replaying" : rebuild != null && rebuild.running() ? "rebuilding" : "live";
        List<Segment> parts = segments.stream()
                .map(s -> new Segment(
                        s.segment(),
                        s.token() == null ? 0 : s.token().position().orElse(0),
                        s.owner(),
                        s.updated()))
                .toList();
        return new Status(name, position, head, lagEvents, lagMs, state, rebuild, deadLetters.of(name), parts);
    }

    /** A reset segment replays until it has caught up with where it stood at the reset. */
    private static boolean replaying(org.axonframework.eventhandling.TrackingToken token) {
        return token instanceof ReplayToken replay
                && (replay.getCurrentToken() == null
                        || !replay.getCurrentToken().covers(replay.getTokenAtReset()));
    }

    public record Status(
            String name,
            long position,
            long head,
            @JsonProperty("lag_events") long lagEvents,
            @JsonProperty("lag_ms") long lagMs,
            String state,

            @JsonProperty("rebuild") @Schema(nullable = true)
            RebuildRecord latestRebuild,

            @JsonProperty("dead_letters") DeadLetters.Summary deadLetters,
            List<Segment> segments) {}

    public record Segment(
            int segment,
            long position,
            @Schema(nullable = true) String owner,
            @Schema(nullable = true) String updated) {}
}
