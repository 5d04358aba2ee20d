package dev.music.query.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.music.query.ReadRouter;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.CatalogState;
import dev.music.query.song.NoServerPrepareJdbcTemplate;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearchSql;
import dev.music.query.song.TitleWords;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Ranked, typo-tolerant search of the titles (GET /api/search/). A query's folded words
 * ({@link TitleWords}) find their title words in the vocabulary first, one statement for all: the
 * same word, the words the last one begins, and, through the variants of both, the words within a
 * query word's typo budget, which Java then measures ({@link TitleVocabulary}, {@link Typos}). The songs whose titles hold a
 * match of every query word are ranked: the whole title first, then fewer typos, then exact words
 * before a prefix, then the more rated, then the id.
 *
 * <p>The ranking falls into groups of equal cost ({@link RankGroups}); how many songs each holds
 * depends on the titles alone (and the filters), so the groups' counts are counted in one statement
 * and remembered ({@link RankGroupCounts}). A page is then cut from the groups it spans ({@link
 * RankGroupPages}), each in rating order: by walking the rankings' index over a bounded number of
 * songs when the group is common enough for that to find the page, else by collecting the group's
 * songs through the index of title words and sorting them.
 */
@Repository
public class RankedSearch {

    /** The most code points a query may have. */
    public static final int MAX_QUERY_LENGTH = 200;

    private final TitleVocabulary vocabulary;
    private final RankGroupCounts groupCounts;
    private final RankGroupPages groupPages;
    private final CountedRanking counted;
    private final Suggestion suggestion;

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
        JdbcTemplate planned = new NoServerPrepareJdbcTemplate(jdbc);
        this.vocabulary = new TitleVocabulary(planned);
        this.groupCounts = new RankGroupCounts(planned, counts);
        this.groupPages = new RankGroupPages(planned, maxWalk);
        this.counted = new CountedRanking(planned);
        this.suggestion = new Suggestion(vocabulary, counted);
    }

    /**
     * A song found, its score (higher is better) and its title with the matched parts marked; in
     * the API, the song's representation then its score and highlighted title.
     */
    public record Hit(@JsonUnwrapped SongRow song, double score, String highlight) {}

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
        QueryWordMatches matches = vocabulary.matches(words);
        SongSearchSql.Where where = SongSearchSql.where(new SongFilter(null, conditions));
        if (!matches.everyWordMatches()) {
            return new Page(0, page.number(0), List.of(), suggestion.of(matches, where));
        }
        List<RankGroups.Group> groups = RankGroups.of(matches);
        if (groups.isEmpty()) {
            return inOneStatement(matches, where, page);
        }
        CatalogState state = matches.state();
        long[] sizes = groupCounts.sizes(matches, conditions, where, groups, state);
        long count = Arrays.stream(sizes).sum();
        long number = page.number(count);
        if (number < 0) {
            return new Page(count, number, List.of(), null);
        }
        List<Hit> hits =
                groupPages.page(groups, sizes, where, matches, (number - 1) * page.size(), page.size(), state.songs());
        return new Page(count, number, hits, count == 0 ? suggestion.of(matches, where) : null);
    }

    /** The ranking counted and paged in one statement: for queries of too many combinations of levels. */
    private Page inOneStatement(QueryWordMatches matches, SongSearchSql.Where where, PageRequest page) {
        long requested = page.requested();
        CountedRanking.Found found =
                counted.find(matches, where, page.size(), requested >= 1 ? (requested - 1) * page.size() : 0);
        long number = page.number(found.count());
        if (number >= 1 && number != requested) {
            found = counted.find(matches, where, page.size(), (number - 1) * page.size());
        }
        String suggested = found.count() == 0 ? suggestion.of(matches, where) : null;
        return new Page(found.count(), number, number < 0 ? List.of() : found.hits(), suggested);
    }
}
