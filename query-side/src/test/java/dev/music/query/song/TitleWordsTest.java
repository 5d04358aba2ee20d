package dev.music.query.song;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TitleWordsTest {

    @Test
    void wordsAreRunsOfLettersAndDigitsFoldedForCaseAndAccents() {
        assertThat(TitleWords.of("Beyoncé")).containsExactly("beyonce");
        assertThat(TitleWords.of("Niño Bonito")).containsExactly("nino", "bonito");
        assertThat(TitleWords.of("Don't Stop Me Now")).containsExactly("don", "t", "stop", "me", "now");
        assertThat(TitleWords.of("24/7 (Remix) - Live!")).containsExactly("24", "7", "remix", "live");
        assertThat(TitleWords.of("ÉCOLE")).containsExactly("ecole");
        assertThat(TitleWords.of("Mø 東京"))
                .as("no decomposition, kept as they are")
                .containsExactly("mø", "東京");
        assertThat(TitleWords.of("Straße")).containsExactly("straße");
        assertThat(TitleWords.of("ﬁre")).as("compatibility decomposition").containsExactly("fire");
        assertThat(TitleWords.of("Love Love")).as("repeats kept, in order").containsExactly("love", "love");
        assertThat(TitleWords.of("")).isEmpty();
        assertThat(TitleWords.of("%_\\' --")).isEmpty();
    }

    @Test
    void aCombiningMarkStaysInsideItsWord() {
        String decomposed = "Beyonce\u0301 Knowles";
        assertThat(TitleWords.of(decomposed)).containsExactly("beyonce", "knowles");
        assertThat(TitleWords.located(decomposed).get(0).end())
                .as("the mark belongs to the word")
                .isEqualTo(8);
    }

    @Test
    void arrayLiteralsQuoteEveryWord() {
        assertThat(TitleWords.arrayLiteral(List.of("a", "b\"c", "d\\e"))).isEqualTo("{\"a\",\"b\\\"c\",\"d\\\\e\"}");
        assertThat(TitleWords.arrayLiteral(List.of())).isEqualTo("{}");
    }
}
