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
public record RebuildRecord(long id, String projection, String node, String state,
                            @JsonProperty("started_at") Instant startedAt,
                            @JsonProperty("finished_at") Instant finishedAt,
                            long target, long position, long events,
                            @JsonProperty("events_per_second") Long eventsPerSecond,
                            @JsonProperty("progress_percent") Double progressPercent,
                            @JsonProperty("eta_seconds") Long etaSeconds,
                            String error) {

    public static final String COPYING = "copying";
    public static final String INDEXING = "indexing";
    public static final String CATCHING_UP = "catching up";
    public static final String SWAPPING = "swapping";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public boolean running() {
        return !state.equals(DONE) && !state.equals(FAILED);
    }
}
