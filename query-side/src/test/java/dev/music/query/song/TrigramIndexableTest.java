package dev.music.query.song;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which terms give pg_trgm a trigram to look up in {@code %term%}, and which would make it read its whole index. */
class TrigramIndexableTest {

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a|false",
                "ab|false",
                "Mø|false",
                "東京|false",
                "%_|false",
                "abc|true",
                "Love|true",
                "X El|true", // " el": El starts a word inside the term
                "'ab '|true", // "ab ": ab ends a word inside the term
                "a b|true", // "  b"
                "x-y|true",
                "東京 N|true",
                "Niño|true"
            })
    void aTermIsIndexableWhenPgTrgmFindsATrigramInIt(String term, boolean indexable) {
        assertThat(SongSearchSql.trigramIndexable(term)).isEqualTo(indexable);
    }
}
