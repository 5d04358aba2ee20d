package dev.music.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A replica as its latest check found it: {@code up} (serving reads), {@code lagging} (further
 * behind than allowed: reads go elsewhere), {@code down} (not answering, or no longer a replica) or
 * {@code unknown} (not checked yet); how far behind the primary it was, in milliseconds and bytes
 * of WAL (-1 unknown); and why it is down.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaStatus(
        String name,
        String state,
        @JsonProperty("lag_ms") long lagMs,
        @JsonProperty("lag_bytes") long lagBytes,
        String problem) {}
