package dev.music.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.query.song.TitleWords;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightTest {

    private static String highlight(String title, String... queryWords) {
        QueryWordMatches matches = new QueryWordMatches(List.of(queryWords));
        for (int i = 0; i < queryWords.length; i++) {
            for (String word : TitleWords.of(title)) {
                matches.consider(i, word);
            }
        }
        return Highlight.of(title, matches);
    }

    @Test
    void matchedWordsAreMarkedAndTheRestEscaped() {
        assertThat(highlight("Rock & <Roll>", "rock")).isEqualTo("<mark>Rock</mark> &amp; &lt;Roll&gt;");
        assertThat(highlight("Beyoncé", "beyonce")).isEqualTo("<mark>Beyoncé</mark>");
        assertThat(highlight("The Beatles", "beatels"))
                .as("a typo marks the word")
                .isEqualTo("The <mark>Beatles</mark>");
        assertThat(highlight("Midnight City", "midn"))
                .as("a prefix marks its part")
                .isEqualTo("<mark>Midn</mark>ight City");
        assertThat(highlight("Love \"Me\" Do", "me", "do"))
                .isEqualTo("Love &quot;<mark>Me</mark>&quot; <mark>Do</mark>");
        assertThat(highlight("Don't", "t")).isEqualTo("Don&#x27;<mark>t</mark>");
        assertThat(highlight("ﬁre ﬁght", "f"))
                .as("a code point folded into several, cut by the prefix")
                .isEqualTo("<mark>ﬁ</mark>re <mark>ﬁ</mark>ght");
    }
}
