package dev.music.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The events against rows the service wrote (playlist.json imported, one user rating song 7 twice). */
class HistoryGeneratorTest {

    private final CatalogGenerator.Columns playlist = CatalogGenerator.generate(100, 1);

    @Test
    void songAddedIsWhatTheImporterAppendsForTheFirstRowOfPlaylistJson() {
        assertThat(HistoryGenerator.songAddedPayload(playlist, 0))
                .isEqualTo(
                        "{\"songId\":1,"
                                + "\"spotifyId\":\"uwRXjA2b7yISECyAu79ugL\",\"title\":\"24/7\",\"features\":{\"danceability\":0.388,"
                                + "\"energy\":0.096,\"key\":7,\"loudness\":-7.368,\"mode\":1,\"acousticness\":0.993,"
                                + "\"instrumentalness\":0.0,\"liveness\":0.4775,\"valence\":0.403,\"tempo\":129.423,"
                                + "\"durationMs\":344530,\"timeSignature\":4,\"numBars\":186,\"numSections\":14,\"numSegments\":1074}}");
        assertThat(HexFormat.of().formatHex(HistoryGenerator.detailsHash(playlist, 0)))
                .isEqualTo("556fe10366eeaf983f48078331c63e2b496a462ae834a3cfda88801d0486a29c");
    }

    @Test
    void reRatingIsWhatTheRatingAggregateApplies() {
        var rating = new RatingHistory.Rating(7, 1, 2, 4, 1, Instant.parse("2026-11-24T07:13:20.367878269Z"));
        assertThat(text(HistoryGenerator.ratingPayload(new StringBuilder(), rating)))
                .isEqualTo(
                        "{\"songId\":7,\"userId\":1,\"stars\":2,\"previousStars\":4,\"at\":\"2026-11-24T07:13:20.367878269Z\"}");
        assertThat(text(HistoryGenerator.ratingMetaData(
                        new StringBuilder(), "5e69b493-03fa-46c1-a36c-bf0cb03c7293", 1)))
                .isEqualTo("{\"correlationId\":\"5e69b493-03fa-46c1-a36c-bf0cb03c7293\",\"userId\":1,"
                        + "\"requestId\":\"5e69b493-03fa-46c1-a36c-bf0cb03c7293\"}");
    }

    @Test
    void firstRatingHasNoPreviousStars() {
        var rating = new RatingHistory.Rating(7, 1, 4, 0, 0, Instant.parse("2026-11-24T07:13:20.259052683Z"));
        assertThat(text(HistoryGenerator.ratingPayload(new StringBuilder(), rating)))
                .isEqualTo(
                        "{\"songId\":7,\"userId\":1,\"stars\":4,\"previousStars\":null,\"at\":\"2026-11-24T07:13:20.259052683Z\"}");
    }

    @Test
    void titlesAreEscapedAsJacksonDoes() {
        assertThat(HistoryGenerator.jsonString("Say \"Hi\" \\ 東京 / Zoë")).isEqualTo("\"Say \\\"Hi\\\" \\\\ 東京 / Zoë\"");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
