package dev.music.query.search;

import dev.music.query.paging.PageRequest;
import dev.music.query.song.CustomPlanJdbcTemplate;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearchSql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Ranked, typo-tolerant search of the titles (GET /api/search/). A query's folded words
 * ({@link TitleWords}) find their title words in the vocabulary first, one statement for all: the
 * same word, the words the last one begins, and, through the variants of both, the words within a
 * query word's typo budget, which Java then measures ({@link Typos}). The songs whose titles hold a
 * match of every query word are then found through the index of {@code songs.title_words}, ranked
 * and counted in a second statement: the whole title first, then fewer typos, then exact words
 * before a prefix, then the more rated, then the id.
 */
@Repository
public class RankedSearch {

    /** The most code points a query may have. */
    public static final int MAX_QUERY_LENGTH = 200;

    private static final String LAST_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final JdbcTemplate jdbc;

    public RankedSearch(JdbcTemplate jdbc) {
        this.jdbc = new CustomPlanJdbcTemplate(jdbc);
    }

    /** A song found, its score (higher is better) and its title with the matched parts marked. */
    public record Hit(SongRow song, double score, String highlight) {}

    /**
     * A page of hits with the exact count of all of them, and when there are none a corrected
     * query that finds some, if there is one.
     *
     * @param number the page's number, -1 when the request names no page of the hits
     */
    public record Page(long count, long number, List<Hit> hits, String suggestion) {}

    public Page search(String query, List<SongFilter.Condition> conditions, PageRequest page) {
        List<String> words = TitleWords.of(query);
        if (words.isEmpty()) {
            return new Page(0, page.number(0), List.of(), null);
        }
        QueryWordMatches matches = matches(words);
        SongSearchSql.Where where = SongSearchSql.where(new SongFilter(null, conditions));
        if (!matches.everyWordMatches()) {
            return new Page(0, page.number(0), List.of(), suggestion(matches, where));
        }
        long requested = page.requested();
        Found found = find(matches, where, page.size(), requested >= 1 ? (requested - 1) * page.size() : 0);
        long number = page.number(found.count());
        if (number >= 1 && number != requested) {
            found = find(matches, where, page.size(), (number - 1) * page.size());
        }
        String suggestion = found.count() == 0 ? suggestion(matches, where) : null;
        return new Page(found.count(), number, number < 0 ? List.of() : found.hits(), suggestion);
    }

    /** The vocabulary's words for each query word, weighed. */
    private QueryWordMatches matches(List<String> words) {
        QueryWordMatches matches = new QueryWordMatches(words);
        List<String> variants = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            for (String variant : Typos.deletions(words.get(i), Typos.budget(words.get(i)))) {
                variants.add(variant);
                positions.add(i);
            }
        }
        int last = words.size() - 1;
        String prefix = words.get(last);
        jdbc.query(
                "select q.i, v.word from unnest(cast(? as text[]), cast(? as int[])) as q(variant, i)"
                        + " join title_vocabulary_variants v on v.variant = q.variant collate \"C\""
                        + " union select ?, word from title_vocabulary where word >= ? and word < ?",
                row -> {
                    matches.consider(row.getInt(1), row.getString(2));
                },
                TitleWords.arrayLiteral(variants),
                positions.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")),
                last,
                prefix,
                prefix + LAST_CODE_POINT);
        return matches;
    }

    private record Found(long count, List<Hit> hits) {}

    /** A page of the songs whose titles hold a match of every query word, ranked, and how many there are. */
    private Found find(QueryWordMatches matches, SongSearchSql.Where where, int limit, long offset) {
        // Per query word, its title words by cost: the cost of a title is, for each query word, that
        // of the cheapest level the title holds a word of, found by array overlaps (no per-word join).
        List<Object> args = new ArrayList<>();
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
        args.add(limit);
        args.add(offset);
        String conditions = where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
        String sql = "with hits as materialized (select s.id, s.total_ratings,"
                + " s.title_words = cast(? as text[]) as whole, " + String.join(" + ", costs) + " as cost"
                + " from songs s where true" + holdsEvery + conditions + "),"
                + " page as (select * from hits order by whole desc, cost, total_ratings desc, id limit ? offset ?)"
                + " select c.total, p.whole, p.cost, s.* from (select count(*) as total from hits) c"
                + " left join (page p join songs s on s.id = p.id) on true"
                + " order by p.whole desc, p.cost, p.total_ratings desc, p.id";
        long[] total = {0};
        List<Hit> hits = new ArrayList<>();
        jdbc.query(
                sql,
                row -> {
                    total[0] = row.getLong("total");
                    if (row.getObject("id") != null) {
                        SongRow song = SongRow.read(row);
                        hits.add(new Hit(
                                song,
                                score(row.getBoolean("whole"), row.getInt("cost")),
                                Highlight.of(song.title(), matches)));
                    }
                },
                args.toArray());
        return new Found(total[0], hits);
    }

    /**
     * Higher is better, in the ranking's order: 2 for the whole title, else {@code 2 / (2 + cost)},
     * where each typo costs 2 and a prefix 1 (one typo ranks below a prefix, above a prefix and a typo).
     */
    private static double score(boolean whole, int cost) {
        return whole ? 2 : 2.0 / (2 + cost);
    }

    /**
     * A query that finds something, or null: each query word that matched nothing replaced by the
     * vocabulary's nearest word (trigrams to find a few, the fewest edits among them), each that
     * matched only with typos by its nearest match.
     */
    private String suggestion(QueryWordMatches matches, SongSearchSql.Where where) {
        List<String> corrected = new ArrayList<>(matches.queryWords());
        for (int i = 0; i < corrected.size(); i++) {
            // A word that matched only with typos is written as the title word it came nearest to.
            Optional<Map.Entry<String, Integer>> best =
                    matches.of(i).entrySet().stream().min(Map.Entry.comparingByValue());
            if (best.isPresent() && best.get().getValue() > QueryWordMatches.PREFIX) {
                corrected.set(i, best.get().getKey());
            }
        }
        for (int i : matches.unmatched()) {
            String word = corrected.get(i);
            // The ten nearest by trigrams, of those sharing one at all; a short word shares few.
            Optional<String> nearest = jdbc
                    .queryForList(
                            "select word from (select word, similarity(word, ?) as shared from title_vocabulary"
                                    + " order by word <-> ? limit 10) nearest where shared > 0 order by shared desc",
                            String.class,
                            word,
                            word)
                    .stream()
                    .min(Comparator.comparingInt(candidate -> Typos.distance(word, candidate, Integer.MAX_VALUE - 1)));
            if (nearest.isEmpty()) {
                return null;
            }
            corrected.set(i, nearest.get());
        }
        if (corrected.equals(matches.queryWords())) {
            return null;
        }
        QueryWordMatches again = matches(corrected);
        if (!again.everyWordMatches() || find(again, where, 1, 0).count() == 0) {
            return null;
        }
        return String.join(" ", corrected);
    }
}
