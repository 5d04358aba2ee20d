package dev.music.app.support;

import dev.music.events.RatingSubmitted;
import dev.music.query.song.SongProjection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A handler in the songs projection's group that fails the rating events of chosen songs, so
 * that they are parked as dead letters. Import it into a test's application.
 */
@TestConfiguration
public class FailingSongs {

    /** Songs whose rating events fail on purpose while they are listed here. */
    public static final Set<Long> SONGS = ConcurrentHashMap.newKeySet();

    /** Runs before the projectors of the group, so a failing event has changed nothing when it is parked. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ProcessingGroup(SongProjection.NAME)
    static class FailingRatings {
        @EventHandler
        void on(RatingSubmitted event) {
            if (SONGS.contains(event.songId())) {
                throw new IllegalStateException("song " + event.songId() + " fails on purpose");
            }
        }
    }

    @Bean
    FailingRatings failingRatings() {
        return new FailingRatings();
    }
}
