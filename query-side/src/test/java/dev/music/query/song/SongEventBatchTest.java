package dev.music.query.song;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.RatingSubmitted;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.events.SpotifyId;
import dev.music.events.Stars;
import dev.music.query.song.SongEventBatch.UserRating;
import dev.music.query.song.SongRowChange.AddRatings;
import dev.music.query.song.SongRowChange.DeleteSong;
import dev.music.query.song.SongRowChange.InsertSong;
import dev.music.query.song.SongRowChange.UpdateSong;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a batch of song events becomes row changes, merged, before anything is written. */
class SongEventBatchTest {

    private static final SpotifyId SPOTIFY = SpotifyId.of("0123456789abcdefABCDEF");
    private static final AudioFeatures FEATURES = AudioFeatures.of(new double[AudioFeature.ALL.size()]);
    private static final AudioFeatures CORRECTED = FEATURES.with(Map.of(AudioFeature.TEMPO, 120.0));
    private static final Instant AT = Instant.parse("2024-05-01T10:15:30Z");

    private final SongEventBatch changes = new SongEventBatch();

    @Test
    void catalogEventsBecomeRowChangesInEventOrder() {
        changes.apply(new SongAddedToCatalog(1, SPOTIFY, "First", FEATURES));
        changes.apply(new SongAddedToCatalog(2, SPOTIFY, "Second", FEATURES));
        changes.apply(new SongDetailsCorrected(1, SPOTIFY, "First, corrected", CORRECTED));
        changes.apply(new SongRemovedFromCatalog(2, SPOTIFY));

        assertThat(changes.rows())
                .containsExactly(
                        new InsertSong(1, SPOTIFY.value(), "First", FEATURES),
                        new InsertSong(2, SPOTIFY.value(), "Second", FEATURES),
                        new UpdateSong(1, "First, corrected", CORRECTED),
                        new DeleteSong(2));
        assertThat(changes.userRatings()).isEmpty();
        assertThat(changes.ratedSongs()).isEmpty();
    }

    @Test
    void theRatingsOfOneSongInABatchBecomeOneChange() {
        changes.apply(rating(7, 10, 4, null));
        changes.apply(rating(7, 11, 2, null));
        changes.apply(rating(8, 10, 5, null));
        changes.apply(rating(7, 12, 3, null));

        assertThat(changes.rows()).containsExactly(new AddRatings(7, 3, 9), new AddRatings(8, 1, 5));
        assertThat(changes.ratedSongs()).containsExactly(7L, 8L);
    }

    @Test
    void aReRatingSwapsTheOldStarsForTheNewAndReplacesTheUsersRating() {
        changes.apply(rating(7, 10, 2, null));
        changes.apply(rating(7, 10, 5, 2));
        changes.apply(rating(7, 11, 1, 4)); // replaces a rating of an earlier batch

        // one new rating; stars: 2, then +3 and -3
        assertThat(changes.rows()).containsExactly(new AddRatings(7, 1, 2));
        assertThat(changes.userRatings())
                .containsExactly(
                        new UserRating(10, 7, 5, OffsetDateTime.ofInstant(AT, ZoneOffset.UTC)),
                        new UserRating(11, 7, 1, OffsetDateTime.ofInstant(AT, ZoneOffset.UTC)));
    }

    @Test
    void ratingsAreNotMergedAcrossTheSongsRemovalOrReturn() {
        changes.apply(new SongAddedToCatalog(7, SPOTIFY, "Song", FEATURES));
        changes.apply(rating(7, 10, 4, null));
        changes.apply(rating(7, 11, 3, null));
        changes.apply(new SongRemovedFromCatalog(7, SPOTIFY));
        changes.apply(new SongAddedToCatalog(7, SPOTIFY, "Song", FEATURES));
        changes.apply(rating(7, 12, 5, null));

        assertThat(changes.rows())
                .containsExactly(
                        new InsertSong(7, SPOTIFY.value(), "Song", FEATURES),
                        new AddRatings(7, 2, 7),
                        new DeleteSong(7),
                        new InsertSong(7, SPOTIFY.value(), "Song", FEATURES),
                        new AddRatings(7, 1, 5));
    }

    @Test
    void aDetailsCorrectionDoesNotInterruptTheMergeOfRatings() {
        changes.apply(rating(7, 10, 4, null));
        changes.apply(new SongDetailsCorrected(7, SPOTIFY, "Renamed", FEATURES));
        changes.apply(rating(7, 11, 2, null));

        assertThat(changes.rows()).containsExactly(new AddRatings(7, 2, 6), new UpdateSong(7, "Renamed", FEATURES));
    }

    @Test
    void aRatingTimeIsCutToTheMicrosecondPostgresKeeps() {
        changes.apply(new RatingSubmitted(7, 10, Stars.of(3), null, Instant.parse("2024-05-01T10:15:30.123456789Z")));

        assertThat(changes.userRatings())
                .extracting(UserRating::ratedAt)
                .containsExactly(OffsetDateTime.parse("2024-05-01T10:15:30.123456Z"));
    }

    @Test
    void otherPayloadsChangeNothing() {
        assertThat(changes.apply("not a song event")).isFalse();
        assertThat(changes.apply(null)).isFalse();
        assertThat(changes.rows()).isEmpty();
        assertThat(changes.userRatings()).isEmpty();
    }

    private static RatingSubmitted rating(long songId, long userId, int stars, Integer previousStars) {
        return new RatingSubmitted(
                songId, userId, Stars.of(stars), previousStars == null ? null : Stars.of(previousStars), AT);
    }
}
