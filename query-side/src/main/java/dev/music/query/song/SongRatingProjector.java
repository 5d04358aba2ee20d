package dev.music.query.song;

import dev.music.query.QuerySide;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import dev.music.events.RatingSubmitted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps each song's {@code average_rating} and {@code total_ratings} from the rating events
 * alone, incrementally: a first rating adds one rating and its stars, a re-rating swaps the old
 * stars for the new. Runs in the songs processor, so a song's events are applied in order.
 */
@ConditionalOnExpression(QuerySide.ENABLED)
@Component
@ProcessingGroup(SongProjection.NAME)
class SongRatingProjector {

    private final SongTableWriter songs;

    SongRatingProjector(SongTableWriter songs) {
        this.songs = songs;
    }

    @EventHandler
    void on(RatingSubmitted event) {
        if (event.previousStars() == null) {
            songs.rate(event.songId(), 1, event.stars().value());
        } else {
            songs.rate(event.songId(), 0, event.stars().value() - event.previousStars().value());
        }
        songs.userRating(event.userId(), event.songId(), event.stars().value(), event.at());
    }
}
