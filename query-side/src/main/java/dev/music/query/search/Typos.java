package dev.music.query.search;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Typos between a query word and a title word: the Damerau–Levenshtein distance in its optimal
 * string alignment form (insertions, deletions, substitutions and transpositions of two adjacent
 * letters, no part edited twice), and how many a query word of some length may have.
 */
public final class Typos {

    private Typos() {}

    /** None for words of 1–3 letters, one for 4–7, two for 8 or more (counted in code points). */
    public static int budget(String queryWord) {
        int length = queryWord.codePointCount(0, queryWord.length());
        return length >= 8 ? 2 : length >= 4 ? 1 : 0;
    }

    /** The distance between two words, or {@code limit + 1} when it is more than {@code limit}. */
    public static int distance(String a, String b, int limit) {
        int[] s = a.codePoints().toArray();
        int[] t = b.codePoints().toArray();
        if (Math.abs(s.length - t.length) > limit) {
            return limit + 1;
        }
        int[][] d = new int[s.length + 1][t.length + 1];
        for (int i = 0; i <= s.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= t.length; j++) {
                int cost = s[i - 1] == t[j - 1] ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
                rowMin = Math.min(rowMin, best);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return Math.min(d[s.length][t.length], limit + 1);
    }

    /**
     * The word with up to {@code deletions} of its letters taken out, itself included. A title word
     * within that many typos of a query word shares one of these with it (a substitution or a
     * transposition is one letter taken out of each), so these are what the vocabulary's own
     * variants ({@code title_word_variants}) are looked up by; the distance then decides.
     */
    public static Set<String> deletions(String word, int deletions) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(word);
        Set<String> last = Set.of(word);
        for (int round = 0; round < deletions; round++) {
            Set<String> next = new LinkedHashSet<>();
            for (String variant : last) {
                int[] codePoints = variant.codePoints().toArray();
                for (int i = 0; i < codePoints.length; i++) {
                    StringBuilder shorter = new StringBuilder();
                    for (int j = 0; j < codePoints.length; j++) {
                        if (j != i) {
                            shorter.appendCodePoint(codePoints[j]);
                        }
                    }
                    next.add(shorter.toString());
                }
            }
            variants.addAll(next);
            last = next;
        }
        return variants;
    }
}
