package dev.music.query.song;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.events.SongEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * How the {@code songs} projection's events are split among its parallel segments: by song, so
 * that a song's catalog and rating events are applied in order, while different songs are applied
 * in parallel.
 */
@Component(SongProjection.SEQUENCING_POLICY)
public class SongSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();
    private final Serializer eventSerializer;

    public SongSequencingPolicy(@Qualifier("eventSerializer") Serializer eventSerializer) {
        this.eventSerializer = eventSerializer;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (RuntimeException unreadable) {
            return songIdOfUnreadable(event);
        }
        if (payload instanceof SongEvent songEvent) {
            return songEvent.songId();
        }
        return fallback.getSequenceIdentifierFor(event);
    }

    /**
     * An event whose payload cannot be read still belongs to its song when its JSON names one, so
     * that it is parked with that song's later events, in order, rather than stopping the segment.
     */
    private Object songIdOfUnreadable(EventMessage<?> event) {
        try {
            JsonNode songId = event.serializePayload(eventSerializer, JsonNode.class)
                    .getData()
                    .get("songId");
            if (songId != null && songId.canConvertToLong()) {
                return songId.asLong();
            }
        } catch (RuntimeException notJson) {
            // falls through: the event is a sequence of its own
        }
        return event.getIdentifier();
    }
}
