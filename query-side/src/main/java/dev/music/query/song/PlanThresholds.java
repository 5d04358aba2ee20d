package dev.music.query.song;

/**
 * Where the plans of a page change, by the number of matches of a title term ({@link PagePlanner}).
 *
 * @param countedWithPage up to this many matches of a term whose count is not known yet are
 *                        counted and paged in one statement
 * @param fewMatches up to this many matches of a term are collected through an index of the titles and
 *                   sorted, unless a bounded walk would read fewer rows than there are matches
 * @param manyMatches up to this many (and more than few), a page is looked for by a bounded walk first
 * @param walkMargin how many times the rows the matches' share predicts a bounded walk may read
 * @param minWalk the fewest rows a bounded walk may read
 * @param maxWalk the most; no walk when the prediction is larger
 */
public record PlanThresholds(
        long countedWithPage, long fewMatches, long manyMatches, double walkMargin, long minWalk, long maxWalk) {
    public static final PlanThresholds DEFAULT = new PlanThresholds(1_000, 20_000, 100_000, 4, 1_000, 50_000);
}
