package dev.music.query.search;

import dev.music.query.song.CatalogState;
import dev.music.query.song.SongSearchSql;
import dev.music.query.song.TitleWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statements ranked search sends about the songs (the vocabulary's are {@link TitleVocabulary}'s).
 * Every value is a bind parameter; the parameters of each statement are listed where it is built.
 */
final class RankedSql {

    private RankedSql() {}

    /**
     * Every song whose title holds a match of every query word, with its id, {@code total_ratings},
     * {@code whole} (the title is the query's words) and {@code cost}; its parameters go to {@code args}.
     * A title's cost is, for each query word, that of the cheapest level it holds a word of, found by
     * array overlaps.
     */
    static String ranked(QueryWordMatches matches, SongSearchSql.Where where, List<Object> args) {
        List<String> costs = new ArrayList<>();
        StringBuilder holdsEvery = new StringBuilder();
        List<Object> holdsArgs = new ArrayList<>();
        args.add(TitleWords.arrayLiteral(matches.queryWords()));
        for (int i = 0; i < matches.queryWords().size(); i++) {
            Map<Integer, List<String>> levels = new TreeMap<>();
            matches.of(i)
                    .forEach((word, cost) ->
                            levels.computeIfAbsent(cost, c -> new ArrayList<>()).add(word));
            StringBuilder cost = new StringBuilder("case");
            List<Integer> levelCosts = new ArrayList<>(levels.keySet());
            for (int k = 0; k < levelCosts.size() - 1; k++) {
                cost.append(" when s.title_words && cast(? as text[]) then ").append(levelCosts.get(k));
                args.add(TitleWords.arrayLiteral(levels.get(levelCosts.get(k))));
            }
            int dearest = levelCosts.get(levelCosts.size() - 1);
            costs.add(
                    levelCosts.size() == 1
                            ? Integer.toString(dearest)
                            : cost.append(" else ")
                                    .append(dearest)
                                    .append(" end")
                                    .toString());
            holdsEvery.append(" and s.title_words && cast(? as text[])");
            holdsArgs.add(TitleWords.arrayLiteral(new ArrayList<>(matches.of(i).keySet())));
        }
        args.addAll(holdsArgs);
        args.addAll(where.args());
        return "select s.id, s.total_ratings, s.title_words = cast(? as text[]) as whole, " + String.join(" + ", costs)
                + " as cost from songs s where true" + holdsEvery + andConditions(where);
    }

    /**
     * How many of the {@link #ranked} songs fall into each pair of {@code whole} and {@code cost},
     * with the {@link CatalogState} in the same snapshot (one row with null counts when none).
     */
    static String groupCounts(String ranked) {
        return "select " + CatalogState.COLUMNS + ", g.whole, g.cost, g.songs from catalog_state c"
                + " left join lateral (select whole, cost, count(*) as songs from (" + ranked
                + ") hits group by whole, cost) g on true";
    }

    /**
     * The group's songs among the first of the rankings' order, as many as a budget (the first
     * parameter); then the group's, the filter's, limit and offset.
     */
    static String walkOfGroup(RankGroups.Group group, SongSearchSql.Where where) {
        return "select s.* from (select r.id, r.total_ratings from song_rankings r"
                + " order by r.total_ratings desc, r.id limit ?) w join songs s on s.id = w.id where "
                + group.sql() + andConditions(where) + " order by w.total_ratings desc, w.id limit ? offset ?";
    }

    /**
     * Every song of the group collected, then sorted: the group's parameters, the filter's, limit
     * and offset. Materialized: collected through the index of title words, not looked for on a walk
     * of the ratings' order that may read every song when the group is small.
     */
    static String collectedGroup(RankGroups.Group group, SongSearchSql.Where where) {
        return "with g as materialized (select s.* from songs s where " + group.sql() + andConditions(where) + ")"
                + " select * from g order by total_ratings desc, id limit ? offset ?";
    }

    /**
     * The {@link #ranked} songs counted in {@code total}, and a page of them in ranking order with
     * their {@code whole} and {@code cost}: the ranked's parameters, then limit and offset. A lone
     * row with no song says that the page is empty.
     */
    static String countedPage(String ranked) {
        return "with hits as materialized (" + ranked + "),"
                + " page as (select * from hits order by whole desc, cost, total_ratings desc, id limit ? offset ?)"
                + " select c.total, p.whole, p.cost, s.* from (select count(*) as total from hits) c"
                + " left join (page p join songs s on s.id = p.id) on true"
                + " order by p.whole desc, p.cost, p.total_ratings desc, p.id";
    }

    /** The filter's conditions to follow others in a WHERE clause, or nothing. */
    private static String andConditions(SongSearchSql.Where where) {
        return where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
    }
}
