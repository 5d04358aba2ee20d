package dev.music.command.catalog;

import dev.music.events.AudioFeature;
import dev.music.events.AudioFeatures;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.events.SpotifyId;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SongTest {

    private static final String ID = "5vYA1mW9g2Coh1HUFUSmlb";
    private static final SpotifyId SPOTIFY_ID = SpotifyId.of(ID);
    private static final AudioFeatures FEATURES =
            new AudioFeatures(0.521, 0.673, 8, -8.685, 1, 0.00573, 0.0, 0.12, 0.543, 108.031, 225947, 4, 100, 8, 830);
    private static final AudioFeatures LOUDER =
            new AudioFeatures(0.521, 0.673, 8, -4.0, 1, 0.00573, 0.0, 0.12, 0.543, 108.031, 225947, 4, 100, 8, 830);

    private AggregateTestFixture<Song> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Song.class);
    }

    @Test
    void correctingDetailsRecordsTheNewDetails() {
        fixture.given(new SongAddedToCatalog(1, SPOTIFY_ID, "3AM", FEATURES))
                .when(new CorrectSongDetails(ID, "3 AM", Map.of(AudioFeature.LOUDNESS, -4.0)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SongDetailsCorrected(1, SPOTIFY_ID, "3 AM", LOUDER));
    }

    @Test
    void aCorrectionKeepsWhatItDoesNotName() {
        fixture.given(new SongAddedToCatalog(1, SPOTIFY_ID, "3AM", FEATURES))
                .when(new CorrectSongDetails(ID, null, Map.of(AudioFeature.LOUDNESS, -4.0)))
                .expectEvents(new SongDetailsCorrected(1, SPOTIFY_ID, "3AM", LOUDER));
    }

    @Test
    void correctingWithTheSameDetailsRecordsNothing() {
        fixture.given(new SongAddedToCatalog(1, SPOTIFY_ID, "3AM", FEATURES))
                .when(new CorrectSongDetails(ID, "3AM", Map.of(AudioFeature.KEY, 8.0)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void correctionsBuildOnEachOther() {
        fixture.given(
                        new SongAddedToCatalog(1, SPOTIFY_ID, "3AM", FEATURES),
                        new SongDetailsCorrected(1, SPOTIFY_ID, "3 AM", LOUDER))
                .when(new CorrectSongDetails(ID, "3 AM", Map.of(AudioFeature.LOUDNESS, -4.0)))
                .expectNoEvents();
    }

    @Test
    void removingASongRecordsItsRemoval() {
        fixture.given(new SongAddedToCatalog(7, SPOTIFY_ID, "3AM", FEATURES))
                .when(new RemoveSongFromCatalog(ID))
                .expectEvents(new SongRemovedFromCatalog(7, SPOTIFY_ID));
    }

    @Test
    void removingTwiceRecordsOneRemoval() {
        fixture.given(new SongAddedToCatalog(7, SPOTIFY_ID, "3AM", FEATURES), new SongRemovedFromCatalog(7, SPOTIFY_ID))
                .when(new RemoveSongFromCatalog(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRemovedSongCannotBeCorrected() {
        fixture.given(new SongAddedToCatalog(7, SPOTIFY_ID, "3AM", FEATURES), new SongRemovedFromCatalog(7, SPOTIFY_ID))
                .when(new CorrectSongDetails(ID, "3 AM", Map.of()))
                .expectException(SongRemovedException.class)
                .expectNoEvents();
    }
}
