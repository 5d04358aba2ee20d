package dev.music.query.projection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What a projection has parked, for operators, and the retry of it. */
@Component
public class DeadLetters {

    /** The parked events a status lists, at most (the count covers them all). */
    static final int LISTED = 20;

    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    public DeadLetters(JdbcTemplate jdbc, ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    public record Summary(long count, long sequences, List<Letter> letters) {}

    /** One parked event: the song (sequence) it holds up, its place in that sequence, and why. */
    public record Letter(
            String sequence,
            @JsonProperty("sequence_index") long sequenceIndex,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("payload_type") String payloadType,
            @JsonProperty("enqueued_at") String enqueuedAt,
            String cause) {}

    public record Retried(long retried, long remaining) {}

    public Summary of(String projection) {
        long count = jdbc.queryForObject(
                "select count(*) from " + ProcessorTables.DEAD_LETTERS + " where processingGroup = ?",
                Long.class,
                projection);
        long sequences = jdbc.queryForObject(
                "select count(distinct sequenceIdentifier) from " + ProcessorTables.DEAD_LETTERS
                        + " where processingGroup = ?",
                Long.class,
                projection);
        List<Letter> letters = count == 0
                ? List.of()
                : jdbc.query(
                        """
                select sequenceIdentifier, sequenceIndex, eventIdentifier, payloadType, enqueuedAt,
                       coalesce(causeType || ': ', '') || coalesce(causeMessage, '')
                from %s where processingGroup = ?
                order by sequenceIdentifier, sequenceIndex limit ?""".formatted(ProcessorTables.DEAD_LETTERS),
                        (row, n) -> new Letter(
                                row.getString(1),
                                row.getLong(2),
                                row.getString(3),
                                row.getString(4),
                                row.getString(5),
                                row.getString(6)),
                        projection,
                        LISTED);
        return new Summary(count, sequences, letters);
    }

    /**
     * Applies the parked events again, song by song in their order; a song whose events still
     * fail stays parked (with the new cause). Returns how many events left the queue.
     */
    public Retried retry(String projection) {
        Summary before = of(projection);
        SequencedDeadLetterProcessor<?> processor = processing
                .getObject()
                .sequencedDeadLetterProcessor(projection)
                .orElseThrow(
                        () -> new IllegalStateException("no dead-letter queue for " + projection + " on this node"));
        // Each call takes one song not tried the longest; a song that fails again is tried last.
        for (long attempt = 0; attempt < before.sequences(); attempt++) {
            processor.processAny();
        }
        long after = of(projection).count();
        return new Retried(Math.max(0, before.count() - after), after);
    }

    /** Forgets the parked events, in the caller's transaction: a rebuilt copy has applied them all. */
    public void clear(String projection) {
        jdbc.update("delete from " + ProcessorTables.DEAD_LETTERS + " where processingGroup = ?", projection);
    }
}
