package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.IntegrationTest;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.PlanThresholds;
import dev.music.query.song.SearchProperties;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongRow;
import dev.music.query.song.SongSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whichever plan finds a page (matches collected and sorted, a bounded walk of the ordering's
 * index that finds the page or gives up, an unbounded walk), the page is the one plain SQL gives.
 * The thresholds are shrunk so that the project's 100 songs take every plan.
 */
class SearchPlansTest extends IntegrationTest {

    private static final List<String> ORDERINGS =
            List.of("title", "-tempo", "-total_ratings,title", "energy", "-average_rating", "key,-duration_ms");

    @Autowired
    private TransactionTemplate transactions;

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void everyPlanAnswersThePageThatSqlGives() {
        List<PlanThresholds> plans = List.of(
                new PlanThresholds(0, 2, 1_000, 4, 1, 50_000), // bounded walks with room to find the page
                new PlanThresholds(0, 2, 1_000, 0.2, 1, 50_000), // bounded walks too short: sorted matches instead
                new PlanThresholds(0, 2, 2, 4, 1, 50_000), // unbounded walks
                new PlanThresholds(0, 1_000, 1_000, 0.01, 1, 50_000), // among few matches, walks shorter than they are
                PlanThresholds.DEFAULT); // counted with the page, or matches collected and sorted
        for (PlanThresholds plan : plans) {
            // Counts not remembered: each page is counted, and found by the plan.
            SongSearch search = new SongSearch(jdbc, transactions, new CatalogCounts(0), plan, null);
            for (String term : commonTerms()) {
                SongFilter filter = new SongFilter(term, List.of());
                long matching = jdbc.queryForObject(
                        "select count(*) from songs where title ilike ?", Long.class, "%" + term + "%");
                for (String ordering : ORDERINGS) {
                    List<SongOrder> order = order(ordering);
                    for (int page = 1; page <= 2; page++) {
                        SongSearch.Page found = search.page(filter, order, new PageRequest(Integer.toString(page), 3));
                        assertThat(found.count()).as("the exact count").isEqualTo(matching);
                        assertThat(found.rows().stream().map(SongRow::id).toList())
                                .as("%s, %s, %s, page %d", plan, term, ordering, page)
                                .isEqualTo(expected(term, ordering, (page - 1) * 3L, 3));
                    }
                }
            }
        }
    }

    /**
     * A search run again and again on one connection still goes to PostgreSQL as an unnamed
     * statement, planned for its term each time, never as a prepared statement whose plan could
     * turn generic; the statements of the rest of the service are prepared as usual.
     */
    @Test
    void searchesArePlannedForTheirOwnTermsEveryTime() throws Exception {
        try (var connection = jdbc.getDataSource().getConnection()) {
            var single = new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true);
            JdbcTemplate session = new JdbcTemplate(single);
            SongSearch search = SongSearch.remembering(session, transactions, SearchProperties.remembering(5));
            String term = commonTerms().get(0);
            for (int run = 0; run < 10; run++) {
                for (String page : List.of("1", "last")) {
                    search.page(new SongFilter(term, List.of()), order("title"), new PageRequest(page, 4));
                }
                session.queryForObject("select count(*) from songs where id > ?", Long.class, run);
            }
            List<String> prepared = session.queryForList("select statement from pg_prepared_statements", String.class);
            assertThat(prepared)
                    .as("server-prepared statements")
                    .noneMatch(sql -> sql.contains("ilike"))
                    .anyMatch(sql -> sql.contains("where id > $1"));
        }
    }

    /** Three-letter pieces of titles that at least five titles share. */
    private List<String> commonTerms() {
        Map<String, Integer> titlesWith = new LinkedHashMap<>();
        for (String title : jdbc.queryForList("select lower(title) from songs order by id", String.class)) {
            java.util.Set<String> pieces = new java.util.HashSet<>();
            for (int i = 0; i + 3 <= title.length(); i++) {
                String piece = title.substring(i, i + 3);
                if (piece.chars().allMatch(Character::isLetter)) {
                    pieces.add(piece);
                }
            }
            pieces.forEach(piece -> titlesWith.merge(piece, 1, Integer::sum));
        }
        List<String> terms = new ArrayList<>();
        titlesWith.forEach((piece, count) -> {
            if (count >= 5 && terms.size() < 6) {
                terms.add(piece);
            }
        });
        assertThat(terms).isNotEmpty();
        return terms;
    }

    private static List<SongOrder> order(String ordering) {
        return java.util.Arrays.stream(ordering.split(","))
                .map(key -> new SongOrder(key.replace("-", ""), key.startsWith("-")))
                .toList();
    }

    private List<Long> expected(String term, String ordering, long offset, int limit) {
        String orderBy = String.join(
                ", ",
                order(ordering).stream()
                        .map(o -> o.column() + (o.descending() ? " desc" : ""))
                        .toList());
        return jdbc.queryForList(
                "select id from songs where title ilike ? order by " + orderBy + ", id limit ? offset ?",
                Long.class,
                "%" + term + "%",
                limit,
                offset);
    }
}
