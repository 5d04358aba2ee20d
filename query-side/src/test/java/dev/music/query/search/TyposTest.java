package dev.music.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TyposTest {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
        "love, love, 0",
        "lvoe, love, 1", // transposition
        "lov, love, 1", // deletion
        "lovve, love, 1", // insertion
        "dove, love, 1", // substitution
        "lxoe, love, 2",
        "ca, abc, 3", // optimal string alignment: no part edited twice (full Damerau–Levenshtein says 2)
        "smyhpony, symphony, 2",
        "beyonce, beyoncé, 1",
        "東京, 京東, 1"
    })
    void distanceIsTheOptimalStringAlignment(String a, String b, int distance) {
        assertThat(Typos.distance(a, b, 5)).isEqualTo(distance);
        assertThat(Typos.distance(b, a, 5)).isEqualTo(distance);
        assertThat(Typos.distance(a, b, distance))
                .as("within a limit of exactly it")
                .isEqualTo(distance);
        if (distance > 0) {
            assertThat(Typos.distance(a, b, distance - 1))
                    .as("beyond the limit")
                    .isEqualTo(distance);
        }
    }

    @Test
    void theBudgetGrowsWithTheQueryWordsLength() {
        assertThat(Typos.budget("day")).isZero();
        assertThat(Typos.budget("love")).isEqualTo(1);
        assertThat(Typos.budget("forever")).isEqualTo(1);
        assertThat(Typos.budget("symphony")).isEqualTo(2);
        assertThat(Typos.budget("東京東京")).as("counted in code points").isEqualTo(1);
    }

    /** What makes the vocabulary's variants enough: two words within k typos share a variant of each with at most k letters out. */
    @Test
    void wordsWithinTheBudgetShareADeletionVariant() {
        SplittableRandom random = new SplittableRandom(7);
        String letters = "abcde";
        for (int run = 0; run < 20_000; run++) {
            String a = word(random, letters, 3 + random.nextInt(8));
            String b = word(random, letters, 2 + random.nextInt(10));
            int distance = Typos.distance(a, b, 2);
            if (distance > 2) {
                continue;
            }
            Set<String> shared = new HashSet<>(Typos.deletions(a, distance));
            shared.retainAll(Typos.deletions(b, distance));
            assertThat(shared).as("%s and %s, %d apart", a, b, distance).isNotEmpty();
        }
    }

    private static String word(SplittableRandom random, String letters, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }
}
