package dev.music.query.song;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How ranked search sees a title or a query: as words, each a run of letters and digits, folded
 * for case and accents (Unicode NFKD without its combining marks, then lower case). "Beyoncé"
 * is "beyonce", "Niño" "nino", "don't" the two words "don" and "t". The projector stores each
 * title's words in {@code songs.title_words} with this, and queries are folded the same way.
 */
public final class TitleWords {

    private TitleWords() {}

    /** The folded words of a text, in order, repeats kept. */
    public static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        for (Word word : located(text)) {
            words.add(word.folded());
        }
        return words;
    }

    /** The words as a PostgreSQL array literal, for a {@code text[]} parameter. */
    public static String arrayLiteral(List<String> words) {
        StringBuilder literal = new StringBuilder("{");
        for (String word : words) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"')
                    .append(word.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    /**
     * A word of the text, where it is: code point offsets {@code [start, end)} in the original
     * text and, for each of its code points, the length of the folded word up to and including it
     * (to mark a prefix of the folded word in the original text).
     */
    public record Word(String folded, int start, int end, int[] foldedLengthAfter) {}

    /** The words of a text with their places in it, folded. */
    public static List<Word> located(String text) {
        int[] codePoints = text.codePoints().toArray();
        List<Word> words = new ArrayList<>();
        StringBuilder folded = new StringBuilder();
        List<Integer> lengths = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= codePoints.length; i++) {
            String piece = i < codePoints.length ? fold(codePoints[i]) : "";
            if (!piece.isEmpty()) {
                if (start < 0) {
                    start = i;
                }
                folded.append(piece);
                lengths.add(folded.codePointCount(0, folded.length()));
                continue;
            }
            // A combining mark alone folds to nothing and neither ends nor starts a word.
            if (i < codePoints.length && isMark(codePoints[i]) && start >= 0) {
                lengths.add(folded.codePointCount(0, folded.length()));
                continue;
            }
            if (start >= 0) {
                words.add(new Word(
                        folded.toString(),
                        start,
                        i,
                        lengths.stream().mapToInt(Integer::intValue).toArray()));
                folded.setLength(0);
                lengths.clear();
                start = -1;
            }
        }
        return words;
    }

    /** One code point folded: its letters and digits after NFKD without marks, in lower case; empty for the rest. */
    private static String fold(int codePoint) {
        if (!Character.isLetterOrDigit(codePoint)) {
            return "";
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder();
        decomposed.codePoints().filter(Character::isLetterOrDigit).forEach(c -> kept.appendCodePoint(c));
        return kept.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
