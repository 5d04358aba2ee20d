package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.PlanThresholds;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongFilter.Condition;
import dev.music.query.song.SongFilter.Operator;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongSearch;
import dev.music.query.song.StoredCounts;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts are stored in the database, where another node, or this one after a restart (a search
 * with a memory of its own), finds them without counting; a count is never taken once the catalog
 * has changed since it was made.
 */
class StoredCountsTest extends IntegrationTest {

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private StoredCounts stored;

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    /** A search as a node that has just started has it: nothing in memory. */
    private SongSearch newNode(JdbcTemplate jdbc) {
        return new SongSearch(jdbc, transactions, new CatalogCounts(100), PlanThresholds.DEFAULT, stored);
    }

    private long sqlCount(String where, Object... args) {
        return jdbc.queryForObject("select count(*) from songs where " + where, Long.class, args);
    }

    @Test
    void aCountOneNodeMadeIsFoundByAnotherWithoutCounting() throws Exception {
        SongFilter filter = new SongFilter("e", List.of(new Condition("energy", Operator.AT_LEAST, 0.3)));
        long exact = sqlCount("title ilike '%e%' and energy >= 0.3");
        assertThat(newNode(jdbc)
                        .page(filter, List.of(SongOrder.DEFAULT), new PageRequest("1", 10))
                        .count())
                .isEqualTo(exact);
        stored.flush();

        RecordedStatements recorded = new RecordedStatements(jdbc.getDataSource());
        SongSearch.Page page =
                newNode(new JdbcTemplate(recorded)).page(filter, List.of(SongOrder.DEFAULT), new PageRequest("2", 10));
        assertThat(page.count()).isEqualTo(exact);
        assertThat(page.rows()).hasSize((int) Math.min(10, Math.max(0, exact - 10)));
        assertThat(recorded.statements().get(0).sql())
                .as("the stored count is read with the catalog's state")
                .contains("search_counts");
        assertThat(recorded.statements())
                .as("nothing is counted")
                .noneMatch(statement -> statement.sql().contains("count("));
    }

    @Test
    void aStoredCountIsNotTakenOnceTheCatalogChanged() throws Exception {
        SongFilter filter = new SongFilter("Wuxqar", List.of());
        assertThat(newNode(jdbc)
                        .page(filter, List.of(SongOrder.DEFAULT), new PageRequest("1", 10))
                        .count())
                .isZero();
        stored.flush();
        assertThat(StoredCounts.read(jdbc, filter).count()).hasValue(0);

        Api admin = signedIn(Role.ADMIN);
        String spotifyId = jdbc.queryForObject("select spotify_id from songs where id = 41", String.class);
        Api.Response corrected =
                admin.send("PUT", "/api/admin/songs/" + spotifyId + "/", "{\"title\": \"The Wuxqar Song\"}");
        assertThat(corrected.status()).isEqualTo(200);
        awaitProjection();

        assertThat(StoredCounts.read(jdbc, filter).count())
                .as("counted at another version of the catalog")
                .isEmpty();
        assertThat(newNode(jdbc)
                        .page(filter, List.of(SongOrder.DEFAULT), new PageRequest("1", 10))
                        .count())
                .isEqualTo(1);
        assertThat(api().get("/api/music/?title=wuxqar").json().get("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void filtersOfRatingFiguresAreNeverStored() {
        SongFilter rated = new SongFilter("e", List.of(new Condition("total_ratings", Operator.AT_LEAST, 1)));
        assertThat(StoredCounts.storable(rated)).isFalse();
        assertThat(StoredCounts.storable(new SongFilter(null, List.of()))).isFalse();
        assertThat(StoredCounts.storable(new SongFilter("x".repeat(5_000), List.of())))
                .as("a key too long for its index")
                .isFalse();
    }
}
