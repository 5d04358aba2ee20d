package dev.music.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatingHistoryTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");

    private static List<RatingHistory.Rating> history(long seed, int songs, int users, int ratings) {
        RatingHistory history = new RatingHistory(seed, songs, users, ratings, FROM, Duration.ofDays(30));
        List<RatingHistory.Rating> all = new ArrayList<>(ratings);
        while (history.hasNext()) {
            all.add(history.next());
        }
        return all;
    }

    @Test
    void eachRatingReplacesTheStarsOfTheUsersPreviousRatingOfTheSong() {
        Map<String, RatingHistory.Rating> latest = new HashMap<>();
        for (RatingHistory.Rating rating : history(7, 2_000, 500, 100_000)) {
            String aggregate = "rating-" + rating.songId() + "-" + rating.userId();
            RatingHistory.Rating previous = latest.put(aggregate, rating);
            if (previous == null) {
                assertThat(rating.previousStars()).as(aggregate).isZero();
                assertThat(rating.sequence()).as(aggregate).isZero();
            } else {
                assertThat(rating.previousStars()).as(aggregate).isEqualTo(previous.stars());
                assertThat(rating.sequence()).as(aggregate).isEqualTo(previous.sequence() + 1);
                assertThat(rating.at()).isAfter(previous.at());
            }
        }
    }

    @Test
    void ratingsAreInRangeInTimeOrderAndPartlyReRatings() {
        List<RatingHistory.Rating> ratings = history(7, 2_000, 500, 100_000);
        Instant before = FROM;
        for (RatingHistory.Rating rating : ratings) {
            assertThat(rating.songId()).isBetween(1L, 2_000L);
            assertThat(rating.userId()).isBetween(1L, 500L);
            assertThat(rating.stars()).isBetween(1, 5);
            assertThat(rating.at()).isAfter(before).isBefore(FROM.plus(Duration.ofDays(30)));
            before = rating.at();
        }
        long reRatings =
                ratings.stream().filter(RatingHistory.Rating::isReRating).count();
        assertThat(reRatings).isBetween(10_000L, 20_000L);
    }

    @Test
    void popularSongsCollectManyRatings() {
        Map<Long, Integer> perSong = new HashMap<>();
        history(7, 2_000, 500, 100_000).forEach(r -> perSong.merge(r.songId(), 1, Integer::sum));
        int most = perSong.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(most).isGreaterThan(20 * 100_000 / 2_000);
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        assertThat(history(42, 300, 50, 5_000))
                .isEqualTo(history(42, 300, 50, 5_000))
                .isNotEqualTo(history(43, 300, 50, 5_000));
    }
}
