package dev.music.command.rating;

import dev.music.events.RatingSubmitted;
import dev.music.events.Stars;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RatingTest {

    private static final long SONG = 42;
    private static final long ALICE = 7;
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-24T10:05:00Z");

    private AggregateTestFixture<Rating> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Rating.class);
    }

    @Test
    void aFirstRatingHasNoPreviousScore() {
        fixture.givenNoPriorActivity()
                .when(new SubmitRating(SONG, ALICE, Stars.of(5), T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RatingSubmitted(SONG, ALICE, Stars.of(5), null, T0));
    }

    @Test
    void reRatingReplacesTheEarlierScore() {
        fixture.given(new RatingSubmitted(SONG, ALICE, Stars.of(5), null, T0))
                .when(new SubmitRating(SONG, ALICE, Stars.of(3), T1))
                .expectEvents(new RatingSubmitted(SONG, ALICE, Stars.of(3), Stars.of(5), T1));
    }

    @Test
    void everyReRatingNamesTheScoreItReplaces() {
        fixture.given(
                        new RatingSubmitted(SONG, ALICE, Stars.of(5), null, T0),
                        new RatingSubmitted(SONG, ALICE, Stars.of(2), Stars.of(5), T0))
                .when(new SubmitRating(SONG, ALICE, Stars.of(2), T1))
                .expectEvents(new RatingSubmitted(SONG, ALICE, Stars.of(2), Stars.of(2), T1));
    }

    @Test
    void eachUserAndSongPairIsItsOwnAggregate() {
        SubmitRating alice = new SubmitRating(SONG, ALICE, Stars.of(4), T0);
        SubmitRating bob = new SubmitRating(SONG, 8, Stars.of(4), T0);
        org.assertj.core.api.Assertions.assertThat(alice.ratingId()).isNotEqualTo(bob.ratingId());
        org.assertj.core.api.Assertions.assertThat(alice.ratingId())
                .isEqualTo(new SubmitRating(SONG, ALICE, Stars.of(1), T1).ratingId());
    }
}
