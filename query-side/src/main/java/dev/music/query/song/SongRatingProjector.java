package dev.music.query.song;

import dev.music.events.RatingSubmitted;
import dev.music.query.ConditionalOnQuerySide;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps each song's {@code average_rating} and {@code total_ratings} from the rating events
 * alone, incrementally (see {@link SongEventBatch#rated}), and each user's current ratings. Runs in
 * the songs processor, so a song's events are applied in order.
 */
@ConditionalOnQuerySide
@Component
@ProcessingGroup(SongProjection.NAME)
class SongRatingProjector {

    private final UnitOfWorkSongWriter songs;

    SongRatingProjector(UnitOfWorkSongWriter songs) {
        this.songs = songs;
    }

    @EventHandler
    void on(RatingSubmitted event) {
        songs.changes().rated(event);
    }
}
