package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.IntegrationTest;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.CatalogState;
import dev.music.query.song.PlanThresholds;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearch;
import dev.music.query.song.StoredCounts;
import dev.music.query.song.TitleGramCounts;
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

    @Autowired
    private TitleGramCounts grams;

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void everyShortTermFindsWhatIlikeFinds() {
        List<SongSearch> searches = List.of(
                new SongSearch(jdbc, transactions, new CatalogCounts(0), PlanThresholds.DEFAULT, null),
                // Bounded walks of the ordering's index, then the matches collected through the pieces' index.
                new SongSearch(
                        jdbc,
                        transactions,
                        new CatalogCounts(0),
                        new PlanThresholds(0, 2, 1_000, 0.2, 1, 50_000),
                        null));
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

    /**
     * The pieces' counts made ahead answer every short term alone exactly, as ILIKE counts it,
     * pieces no title has included (0); while the catalog's version has no complete count of its
     * pieces, none is taken.
     */
    @Test
    void everyShortTermIsCountedAhead() throws InterruptedException {
        countGrams();
        CatalogState state = CatalogState.readCatalog(jdbc);
        int answered = 0;
        for (String term : shortTerms()) {
            if (term.codePointCount(0, term.length()) > 2) {
                continue; // upper-cased, "ß" is "SS": three characters, counted as any longer term
            }
            SongFilter filter = new SongFilter(term, List.of());
            StoredCounts.Read read = StoredCounts.read(jdbc, filter);
            if (!read.state().equals(state)) {
                continue; // another test of this class changed the catalog meanwhile
            }
            assertThat(read.count())
                    .as("the stored count of \"%s\"", term)
                    .hasValue(jdbc.queryForObject(
                            "select count(*) from songs where title ilike ? escape '\\'", Long.class, like(term)));
            answered++;
        }
        assertThat(answered).isGreaterThan(200);
        jdbc.update("update title_gram_counts set version = version - 1 where gram = ''");
        assertThat(StoredCounts.read(jdbc, new SongFilter("a", List.of())).count())
                .as("the pieces of this version are not all counted")
                .isEmpty();
        countGrams();
        assertThat(StoredCounts.read(jdbc, new SongFilter("a", List.of())).count())
                .hasValue(jdbc.queryForObject("select count(*) from songs where title ilike '%a%'", Long.class));
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

    /** Counts the pieces now, or waits for the keeper's own count in progress. */
    private void countGrams() throws InterruptedException {
        while (!grams.count()) {
            Thread.sleep(50);
        }
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
