package dev.music.query.search;

/**
 * A hit's score, higher is better, in the ranking's order: 2 for the whole title, else
 * {@code 2 / (2 + cost)}, where each typo costs 2 and a prefix 1 (one typo ranks below a prefix,
 * above a prefix and a typo).
 */
final class Score {

    private Score() {}

    static double of(boolean whole, int cost) {
        return whole ? 2 : 2.0 / (2 + cost);
    }
}
