package dev.music.query.song;

import dev.music.query.song.SongSearchSql.Where;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chooses how a page of songs is cut, by how many songs the filter matches, and cuts it: a walk
 * of the ordering's index, bounded or not, or the matches collected through an index of the titles
 * and sorted ({@link PlanThresholds} says where one gives way to another).
 */
final class PagePlanner {

    private final JdbcTemplate jdbc;
    private final PlanThresholds plan;

    PagePlanner(JdbcTemplate jdbc, PlanThresholds plan) {
        this.jdbc = jdbc;
        this.plan = plan;
    }

    /**
     * One page of songs.
     *
     * <p>A title term with matches, but not so many that they are everywhere, is first looked
     * for by walking the ordering's index over a bounded number of songs (a few times as many as
     * the matches' share of the catalog says the page needs; among few matches, only when that is
     * fewer than the matches): when the page is found there, it is exactly the page, at the cost
     * of those rows. When the matches cluster where the walk does not reach (a term common among
     * titles late in the alphabet, ordered by title), the matches are collected through the
     * title's trigram index and sorted instead, at a cost bounded by their number, where an
     * unbounded walk could read the table. A term without trigrams is collected through the index
     * of the titles' one- and two-character pieces when it has few matches, and walked otherwise.
     * Without a title term, or with one that matches many songs, PostgreSQL is free to walk an
     * ordering index and filter as it goes.
     *
     * @param matching how many songs the filter matches, which decides the plan
     */
    List<SongRow> find(
            SongFilter filter, List<SongOrder> ordering, long matching, long offset, int limit, long catalogSongs) {
        Where where = SongSearchSql.where(filter);
        String term = filter.titleContains();
        if (term != null && !SongSearchSql.trigramIndexable(term)) {
            // A term without trigrams: few matches are collected through the index of the titles'
            // pieces, many are met on a walk in order (the pieces of a common term, "on", are in
            // most titles, and their index would fetch every one of them).
            Where pieces = SongSearchSql.throughTitles(filter);
            return titleMatches(filter, matching) <= plan.fewMatches()
                    ? jdbc.query(
                            SongSearchSql.matchesFirst(pieces, ordering),
                            (rs, n) -> SongRow.read(rs),
                            pieces.with(limit, offset))
                    : jdbc.query(
                            SongSearchSql.walk(where, ordering),
                            (rs, n) -> SongRow.read(rs),
                            where.with(limit, offset));
        }
        if (term != null && matching <= plan.manyMatches()) {
            long budget = walkBudget(matching, offset + limit, catalogSongs);
            // Collecting the matches costs about a row read each: among few, walk only when that reads fewer.
            if (budget > 0 && (matching > plan.fewMatches() || budget < matching)) {
                List<Object> walkArgs = new ArrayList<>();
                walkArgs.add(budget);
                walkArgs.addAll(where.args());
                walkArgs.add(limit);
                walkArgs.add(offset);
                List<SongRow> walked = jdbc.query(
                        SongSearchSql.boundedWalk(where, ordering), (rs, n) -> SongRow.read(rs), walkArgs.toArray());
                if (walked.size() == limit) {
                    return walked;
                }
            }
            Where titles = SongSearchSql.throughTitles(filter);
            return jdbc.query(
                    SongSearchSql.matchesFirst(titles, ordering),
                    (rs, n) -> SongRow.read(rs),
                    titles.with(limit, offset));
        }
        return jdbc.query(SongSearchSql.walk(where, ordering), (rs, n) -> SongRow.read(rs), where.with(limit, offset));
    }

    /**
     * How many titles hold a short term: the candidates its pieces' index yields, each joined to
     * its song when other conditions are to be checked ("S" with {@code key=5} matches 15,000
     * songs, but its pieces are in 550,000 titles). The count of the term alone is read from the
     * pieces' counts when they are complete, and is the filter's own count otherwise.
     */
    private long titleMatches(SongFilter filter, long matching) {
        if (filter.conditions().isEmpty()) {
            return matching;
        }
        SongFilter titleAlone = new SongFilter(filter.titleContains(), List.of());
        return StoredCounts.read(jdbc, titleAlone).count().orElse(matching);
    }

    /**
     * How many songs in order a walk may read for the first {@code needed} matches: a margin
     * times what the matches' share of the catalog predicts, within the plan's bounds; 0 (no
     * walk) when that is more than the most.
     */
    private long walkBudget(long matching, long needed, double rows) {
        if (rows <= 0 || matching <= 0) {
            return 0;
        }
        double predicted = plan.walkMargin() * needed * rows / matching;
        return predicted > plan.maxWalk() ? 0 : Math.max(plan.minWalk(), (long) predicted);
    }
}
