package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.IntegrationTest;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Terms of one or two characters have no trigram; the index of the titles' one- and
 * two-character pieces finds them, and finds exactly what ILIKE finds: every piece of every title
 * of the catalog, in both cases, non-ASCII ones, LIKE's own characters and pieces no title has.
 */
class ShortTermSearchTest extends IntegrationTest {

    @Autowired
    private TransactionTemplate transactions;

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void everyShortTermFindsWhatIlikeFinds() {
        List<SongSearch> searches = List.of(
                new SongSearch(jdbc, transactions, new SearchProperties(0), SongSearch.Plan.DEFAULT),
                // Bounded walks of the ordering's index, then the matches collected through the pieces' index.
                new SongSearch(
                        jdbc, transactions, new SearchProperties(0), new SongSearch.Plan(0, 2, 1_000, 0.2, 1, 50_000)));
        List<String> terms = shortTerms();
        for (SongSearch search : searches) {
            for (String term : terms) {
                SongFilter filter = new SongFilter(term, List.of());
                SongSearch.Page page =
                        search.page(filter, List.of(new SongOrder("tempo", true)), new PageRequest("1", 5));
                assertThat(page.count())
                        .as("the count of \"%s\"", term)
                        .isEqualTo(jdbc.queryForObject(
                                "select count(*) from songs where title ilike ? escape '\\'", Long.class, like(term)));
                assertThat(page.rows().stream().map(SongRow::id).toList())
                        .as("the first page of \"%s\"", term)
                        .isEqualTo(jdbc.queryForList(
                                "select id from songs where title ilike ? escape '\\' order by tempo desc, id limit 5",
                                Long.class,
                                like(term)));
            }
        }
    }

    @Test
    void aShortTermIsLookedUpInTheIndexOfTitlePieces() {
        String plan = transactions.execute(status -> {
            // The catalog is small enough to scan; keep PostgreSQL to the indexes to see which it can use.
            jdbc.execute("set local enable_seqscan = off");
            return String.join(
                    "\n",
                    jdbc.queryForList(
                            "explain select id from songs s where title_grams(s.title) @> title_grams(?)"
                                    + " and (s.title || '') ilike ?",
                            String.class,
                            "mø",
                            "%mø%"));
        });
        assertThat(plan).contains("songs_title_grams_idx").doesNotContain("songs_title_trgm_idx");
    }

    /** Every one- and two-character piece of the titles as written and upper-cased, and pieces no title has. */
    private List<String> shortTerms() {
        Set<String> terms = new LinkedHashSet<>();
        for (String title : jdbc.queryForList("select title from songs order by id", String.class)) {
            int[] codePoints = title.codePoints().toArray();
            for (int i = 0; i < codePoints.length; i++) {
                terms.add(new String(codePoints, i, 1));
                if (i + 1 < codePoints.length) {
                    terms.add(new String(codePoints, i, 2));
                }
            }
        }
        for (String term : new ArrayList<>(terms)) {
            terms.add(term.toUpperCase());
        }
        terms.addAll(List.of("%", "_", "\\", "'", "%a", "_e", "qz", "ø", "Ø", "東", "東京", "é"));
        assertThat(terms).hasSizeGreaterThan(200);
        return new ArrayList<>(terms);
    }

    private static String like(String term) {
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
