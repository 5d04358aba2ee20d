package dev.music.query.search;

import dev.music.query.ReadRouter;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.CatalogState;
import dev.music.query.song.CustomPlanJdbcTemplate;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearchSql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Ranked, typo-tolerant search of the titles (GET /api/search/). A query's folded words
 * ({@link TitleWords}) find their title words in the vocabulary first, one statement for all: the
 * same word, the words the last one begins, and, through the variants of both, the words within a
 * query word's typo budget, which Java then measures ({@link Typos}). The songs whose titles hold a
 * match of every query word are ranked: the whole title first, then fewer typos, then exact words
 * before a prefix, then the more rated, then the id.
 *
 * <p>The ranking falls into groups of equal cost ({@link RankGroups}); how many songs each holds
 * depends on the titles alone (and the filters), so the groups' counts are counted in one statement
 * and remembered like the list's counts ({@link CatalogCounts}: exact for as long as the catalog,
 * and with a rating filter the rating figures, stay as they were). A page is then cut from the
 * groups it spans, each in rating order: by walking the rankings' index over a bounded number of
 * songs when the group is common enough for that to find the page, else by collecting the group's
 * songs through the index of title words and sorting them.
 */
@Repository
public class RankedSearch {

    /** The most code points a query may have. */
    public static final int MAX_QUERY_LENGTH = 200;

    private static final String LAST_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    /** How many times the songs a group's share of the catalog predicts a walk may read. */
    private static final double WALK_MARGIN = 4;

    private static final long MIN_WALK = 1_000;

    private final JdbcTemplate jdbc;
    private final CatalogCounts counts;
    private final long maxWalk;

    @Autowired
    public RankedSearch(ReadRouter reads, SearchProperties properties) {
        this(reads.jdbc(), properties);
    }

    public RankedSearch(JdbcTemplate jdbc, SearchProperties properties) {
        this(jdbc, new CatalogCounts(properties.countCacheSize()), 50_000);
    }

    /**
     * @param counts where the groups' counts are remembered
     * @param maxWalk the most songs a walk of the rankings' index may read; 0 always collects and sorts
     */
    public RankedSearch(JdbcTemplate jdbc, CatalogCounts counts, long maxWalk) {
        this.jdbc = new CustomPlanJdbcTemplate(jdbc);
        this.counts = counts;
        this.maxWalk = maxWalk;
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
        List<RankGroups.Group> groups = RankGroups.of(matches);
        if (groups.isEmpty()) {
            return inOneStatement(matches, where, page);
        }
        CatalogState state = matches.state();
        long[] sizes = groupSizes(matches, conditions, where, groups, state);
        long count = Arrays.stream(sizes).sum();
        long number = page.number(count);
        if (number < 0) {
            return new Page(count, number, List.of(), null);
        }
        List<Hit> hits = new ArrayList<>();
        long skip = (number - 1) * page.size();
        int wanted = page.size();
        for (int g = 0; g < groups.size() && wanted > 0; g++) {
            if (skip >= sizes[g]) {
                skip -= sizes[g];
                continue;
            }
            int take = (int) Math.min(wanted, sizes[g] - skip);
            hits.addAll(pageOfGroup(groups.get(g), sizes[g], where, matches, skip, take, state.songs()));
            wanted -= take;
            skip = 0;
        }
        return new Page(count, number, hits, count == 0 ? suggestion(matches, where) : null);
    }

    /** The ranking counted and paged in one statement: for queries of too many combinations of levels. */
    private Page inOneStatement(QueryWordMatches matches, SongSearchSql.Where where, PageRequest page) {
        long requested = page.requested();
        Found found = find(matches, where, page.size(), requested >= 1 ? (requested - 1) * page.size() : 0);
        long number = page.number(found.count());
        if (number >= 1 && number != requested) {
            found = find(matches, where, page.size(), (number - 1) * page.size());
        }
        String suggestion = found.count() == 0 ? suggestion(matches, where) : null;
        return new Page(found.count(), number, number < 0 ? List.of() : found.hits(), suggestion);
    }

    /** What a group's count is remembered under: the query's matches, the filters and the group. */
    private record GroupKey(List<Map<String, Integer>> matches, List<SongFilter.Condition> conditions, int group) {}

    /** How many songs each group holds: remembered, or counted now in one statement and remembered. */
    private long[] groupSizes(
            QueryWordMatches matches,
            List<SongFilter.Condition> conditions,
            SongSearchSql.Where where,
            List<RankGroups.Group> groups,
            CatalogState state) {
        List<Map<String, Integer>> signature = new ArrayList<>();
        for (int i = 0; i < matches.queryWords().size(); i++) {
            signature.add(Map.copyOf(matches.of(i)));
        }
        long[] sizes = new long[groups.size()];
        boolean known = true;
        for (int g = 0; g < groups.size() && known; g++) {
            OptionalLong size = counts.get(new GroupKey(signature, conditions, g), state);
            known = size.isPresent();
            sizes[g] = size.orElse(0);
        }
        if (known) {
            return sizes;
        }
        Arrays.fill(sizes, 0);
        List<Object> args = new ArrayList<>();
        String ranked = ranked(matches, where, args);
        CatalogState[] counted = {state};
        jdbc.query(
                "select " + CatalogState.COLUMNS + ", g.whole, g.cost, g.songs from catalog_state c"
                        + " left join lateral (select whole, cost, count(*) as songs from (" + ranked
                        + ") hits group by whole, cost) g on true",
                row -> {
                    counted[0] = CatalogState.of(row);
                    if (row.getObject("songs") == null) {
                        return;
                    }
                    boolean whole = row.getBoolean("whole");
                    int cost = row.getInt("cost");
                    for (int g = 0; g < groups.size(); g++) {
                        if (groups.get(g).whole() == whole
                                && (whole || groups.get(g).cost() == cost)) {
                            sizes[g] += row.getLong("songs");
                            break;
                        }
                    }
                },
                args.toArray());
        boolean ofCatalogAlone = CatalogCounts.ofCatalogAlone(new SongFilter(null, conditions));
        for (int g = 0; g < groups.size(); g++) {
            counts.put(new GroupKey(signature, conditions, g), ofCatalogAlone, counted[0], sizes[g]);
        }
        return sizes;
    }

    /**
     * {@code take} songs of a group from {@code skip} on, in rating order: by a bounded walk of
     * the rankings' index when the group's share of the catalog says it finds them there, else
     * (or when it did not) by collecting the group's songs and sorting them.
     */
    private List<Hit> pageOfGroup(
            RankGroups.Group group,
            long size,
            SongSearchSql.Where where,
            QueryWordMatches matches,
            long skip,
            int take,
            long songs) {
        String conditions = where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
        double score = score(group.whole(), group.cost());
        List<Object> args = new ArrayList<>(group.args());
        args.addAll(where.args());
        args.add(take);
        args.add(skip);
        RowMapper<Hit> hit = (row, n) -> {
            SongRow song = SongRow.read(row);
            return new Hit(song, score, Highlight.of(song.title(), matches));
        };
        double predicted = WALK_MARGIN * (skip + take) * songs / Math.max(1, size);
        if (!group.whole() && predicted <= maxWalk) {
            List<Object> walkArgs = new ArrayList<>();
            walkArgs.add(Math.max(MIN_WALK, (long) predicted));
            walkArgs.addAll(args);
            List<Hit> walked = jdbc.query(
                    "select s.* from (select r.id, r.total_ratings from song_rankings r"
                            + " order by r.total_ratings desc, r.id limit ?) w join songs s on s.id = w.id where "
                            + group.sql() + conditions + " order by w.total_ratings desc, w.id limit ? offset ?",
                    hit,
                    walkArgs.toArray());
            if (walked.size() == take) {
                return walked;
            }
        }
        // Materialized: collected through the index of title words, not looked for on a walk of the
        // ratings' order that may read every song when the group is small.
        return jdbc.query(
                "with g as materialized (select s.* from songs s where " + group.sql() + conditions + ")"
                        + " select * from g order by total_ratings desc, id limit ? offset ?",
                hit,
                args.toArray());
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
        // The catalog's state comes with the candidates, in the same statement: one round trip less.
        jdbc.query(
                "select " + CatalogState.COLUMNS + ", m.i, m.word from catalog_state c left join lateral ("
                        + "select q.i, v.word from unnest(cast(? as text[]), cast(? as int[])) as q(variant, i)"
                        + " join title_vocabulary_variants v on v.variant = q.variant collate \"C\""
                        + " union select ?, word from title_vocabulary where word >= ? and word < ?) m on true",
                row -> {
                    matches.state(CatalogState.of(row));
                    if (row.getString("word") != null) {
                        matches.consider(row.getInt("i"), row.getString("word"));
                    }
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
        List<Object> args = new ArrayList<>();
        String ranked = ranked(matches, where, args);
        args.add(limit);
        args.add(offset);
        String sql = "with hits as materialized (" + ranked + "),"
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
     * Every song whose title holds a match of every query word, with its id, {@code total_ratings},
     * {@code whole} (the title is the query's words) and {@code cost}; its parameters go to {@code args}.
     * A title's cost is, for each query word, that of the cheapest level it holds a word of, found by
     * array overlaps.
     */
    private static String ranked(QueryWordMatches matches, SongSearchSql.Where where, List<Object> args) {
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
        String conditions = where.sql().isEmpty() ? "" : " and " + where.sql().substring(" where ".length());
        return "select s.id, s.total_ratings, s.title_words = cast(? as text[]) as whole, " + String.join(" + ", costs)
                + " as cost from songs s where true" + holdsEvery + conditions;
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
