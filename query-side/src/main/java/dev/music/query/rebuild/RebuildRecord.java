package dev.music.query.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A rebuild as an operator sees it: its state (copying, indexing, catching up, swapping, done,
 * failed), how far it has read of the events that were there when it started, how fast, and
 * when it should be done.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildRecord(
        long id,
        String projection,
        String node,
        RebuildState state,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        long target,
        long position,
        long events,
        @JsonProperty("events_per_second") Long eventsPerSecond,
        @JsonProperty("progress_percent") Double progressPercent,
        @JsonProperty("eta_seconds") Long etaSeconds,
        String error) {

    public boolean running() {
        return !state.finished();
    }
}
