package dev.music.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.music.app.support.IntegrationTest;
import dev.music.query.paging.PageRequest;
import dev.music.query.song.CatalogCounts;
import dev.music.query.song.CatalogState;
import dev.music.query.song.PlanThresholds;
import dev.music.query.song.SongFilter;
import dev.music.query.song.SongOrder;
import dev.music.query.song.SongSearch;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A count that the request's statement timeout cut short is finished on a thread of its own,
 * without that timeout, and remembered: the next request finds it.
 */
class UnfinishedCountTest extends IntegrationTest {

    @Autowired
    private TransactionTemplate transactions;

    @BeforeEach
    void catalog() throws Exception {
        importProjectPlaylistOnce();
    }

    @Test
    void aCountCutShortIsFinishedAndRemembered() throws Exception {
        Thread request = Thread.currentThread();
        DataSource withRequestTimeout = new DelegatingDataSource(jdbc.getDataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                try (Statement statement = connection.createStatement()) {
                    statement.execute(
                            Thread.currentThread() == request
                                    ? "set statement_timeout = 300"
                                    : "reset statement_timeout");
                }
                return connection;
            }
        };
        CatalogCounts counts = new CatalogCounts(100);
        SongSearch search = new SongSearch(
                new JdbcTemplate(withRequestTimeout),
                transactions,
                counts,
                new PlanThresholds(0, 20_000, 100_000, 4, 1_000, 50_000),
                null);
        SongFilter filter = new SongFilter("e", List.of());
        long expected = jdbc.queryForObject("select count(*) from songs where title ilike '%e%'", Long.class);

        // The catalog locked by a transaction that holds it for a while: the count waits beyond the timeout.
        Thread locker = new Thread(() -> transactions.executeWithoutResult(status -> {
            jdbc.execute("lock table songs in access exclusive mode");
            jdbc.execute("select pg_sleep(1.5)");
        }));
        locker.start();
        Thread.sleep(300);
        assertThatThrownBy(() -> search.page(filter, List.of(SongOrder.DEFAULT), new PageRequest("1", 5)))
                .isInstanceOf(QueryTimeoutException.class);
        locker.join();

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counts.get(filter, CatalogState.read(jdbc)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(counts.get(filter, CatalogState.read(jdbc)))
                .as("finished in the background")
                .hasValue(expected);
        assertThat(search.page(filter, List.of(SongOrder.DEFAULT), new PageRequest("1", 5))
                        .count())
                .isEqualTo(expected);
    }
}
