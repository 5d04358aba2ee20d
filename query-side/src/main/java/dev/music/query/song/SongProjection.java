package dev.music.query.song;

import dev.music.events.SongEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.stereotype.Component;

/**
 * The {@code songs} projection: one streaming processor for every projector that writes the
 * {@code songs} table, so that a song's catalog and rating events are applied in order, while
 * different songs are applied in parallel segments.
 */
@Component(SongProjection.SEQUENCING_POLICY)
public class SongProjection implements SequencingPolicy<EventMessage<?>> {

    /** The processing group, processor and projection name. */
    public static final String NAME = "songs";
    /** The bean name the processor's configuration refers to. */
    public static final String SEQUENCING_POLICY = "songSequencingPolicy";

    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof SongEvent songEvent) {
            return songEvent.songId();
        }
        return fallback.getSequenceIdentifierFor(event);
    }
}
