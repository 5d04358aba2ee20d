package dev.music.query.search;

import dev.music.query.song.TitleWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hits of a query in ranking order, group by group: the titles that are the query's words
 * themselves first, then by total cost. Each query word's matches fall into levels by cost (the
 * same word, a prefix, one typo, two); a title's level for a word is the cheapest it holds a word
 * of, and its cost the sum over the words. A group is every combination of levels with one sum,
 * written as SQL conditions on {@code s.title_words} that an index can serve (a title holds a word
 * of its level and none of a cheaper one). Within a group the more rated come first, then the id.
 */
final class RankGroups {

    /** The most combinations of levels a query is split into; more are ranked in one statement. */
    static final int MAX_COMBINATIONS = 64;

    /** A group's condition, with its parameters. */
    record Group(boolean whole, int cost, String sql, List<Object> args) {}

    private RankGroups() {}

    /** The query's groups in ranking order, or an empty list when there are too many combinations. */
    static List<Group> of(QueryWordMatches matches) {
        List<List<Level>> levels = new ArrayList<>();
        long combinations = 1;
        for (int i = 0; i < matches.queryWords().size(); i++) {
            Map<Integer, List<String>> byCost = new TreeMap<>();
            matches.of(i)
                    .forEach((word, cost) ->
                            byCost.computeIfAbsent(cost, c -> new ArrayList<>()).add(word));
            List<Level> wordLevels = new ArrayList<>();
            List<String> cheaper = new ArrayList<>();
            for (Map.Entry<Integer, List<String>> level : byCost.entrySet()) {
                wordLevels.add(new Level(level.getKey(), level.getValue(), List.copyOf(cheaper)));
                cheaper.addAll(level.getValue());
            }
            levels.add(wordLevels);
            combinations *= wordLevels.size();
        }
        if (combinations > MAX_COMBINATIONS) {
            return List.of();
        }
        Map<Integer, List<List<Level>>> byCost = new TreeMap<>();
        combine(levels, 0, new ArrayList<>(), byCost);
        String queryWords = TitleWords.arrayLiteral(matches.queryWords());
        List<Group> groups = new ArrayList<>();
        // Equality as a range: the B-tree on title_words serves it with the titles that are exactly
        // the words, where the GIN index (which also serves =) would fetch every title holding them.
        groups.add(new Group(
                true,
                0,
                "s.title_words between cast(? as text[]) and cast(? as text[])",
                List.of(queryWords, queryWords)));
        byCost.forEach((cost, combos) -> {
            List<String> any = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (List<Level> combo : combos) {
                List<String> all = new ArrayList<>();
                for (Level level : combo) {
                    all.add("s.title_words && cast(? as text[])");
                    args.add(TitleWords.arrayLiteral(level.words()));
                    if (!level.cheaper().isEmpty()) {
                        all.add("not s.title_words && cast(? as text[])");
                        args.add(TitleWords.arrayLiteral(level.cheaper()));
                    }
                }
                any.add("(" + String.join(" and ", all) + ")");
            }
            String sql = "(" + String.join(" or ", any) + ")";
            if (cost == 0) {
                // Only titles of exact words can be the whole query, and those come first.
                sql += " and s.title_words <> cast(? as text[])";
                args.add(queryWords);
            }
            groups.add(new Group(false, cost, sql, args));
        });
        return groups;
    }

    private static void combine(
            List<List<Level>> levels, int word, List<Level> chosen, Map<Integer, List<List<Level>>> byCost) {
        if (word == levels.size()) {
            int cost = chosen.stream().mapToInt(Level::cost).sum();
            byCost.computeIfAbsent(cost, c -> new ArrayList<>()).add(List.copyOf(chosen));
            return;
        }
        for (Level level : levels.get(word)) {
            chosen.add(level);
            combine(levels, word + 1, chosen, byCost);
            chosen.remove(chosen.size() - 1);
        }
    }

    /** A query word's title words of one cost, and those of its cheaper levels. */
    private record Level(int cost, List<String> words, List<String> cheaper) {}
}
