package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.music.app.problem.DatabaseUnavailable;
import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A slow database: a request's statements and lock waits are cut at their bounds, and a request
 * that finds no free connection within the pool's wait is answered 503; work outside requests
 * (projectors, rebuilds, imports) keeps the server's settings.
 */
@TestPropertySource(
        properties = {
            "music.database.request-statement-timeout=400ms",
            "music.database.request-lock-timeout=300ms",
            "spring.datasource.hikari.maximum-pool-size=6"
        })
class SlowDatabaseTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aRequestsStatementIsCutAtItsBoundAndOtherWorkIsNot() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        DataAccessException cut = catchThrowableOfType(
                DataAccessException.class, () -> jdbc.queryForObject("select pg_sleep(1)", String.class));
        assertThat(DatabaseUnavailable.isCause(cut))
                .as("a statement timeout is the database being unavailable")
                .isTrue();

        RequestContextHolder.resetRequestAttributes();
        assertThat(jdbc.queryForObject("select current_setting('statement_timeout')", String.class))
                .isEqualTo("0");
        jdbc.queryForObject("select pg_sleep(0.6)", String.class);
    }

    @Test
    void aSearchBlockedByALockIsAnswered503AtTheLockBound() throws Exception {
        importProjectPlaylistOnce();
        // projectors still writing would queue behind the lock too, holding the small pool's connections
        awaitProjection();
        // the first answer also loads the service's OpenAPI document for the tests' contract check
        assertThat(api().get("/api/music/?title=love").status()).isEqualTo(200);
        try (Connection migration = dataSource.getConnection()) {
            migration.setAutoCommit(false);
            migration.createStatement().execute("lock table songs in access exclusive mode");
            long started = System.nanoTime();
            Api.Response search = api().get("/api/music/?title=love");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(search.status()).isEqualTo(503);
            assertThat(search.header("Retry-After")).isEqualTo(DatabaseUnavailable.RETRY_AFTER_SECONDS);
            assertThat(search.json().get("detail").asText()).isEqualTo(DatabaseUnavailable.DETAIL);
            assertThat(millis).isLessThan(1_500);
            migration.rollback();
        }
        assertThat(api().get("/api/music/?title=love").status()).isEqualTo(200);
    }

    @Test
    void aFullPoolIsAnswered503NotAHang() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            try {
                while (true) {
                    held.add(dataSource.getConnection()); // all the pool has that the service is not using
                }
            } catch (SQLTransientConnectionException poolEmpty) {
                assertThat(held).isNotEmpty();
            }
            long started = System.nanoTime();
            Api.Response list = api().get("/api/music/");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(list.status()).isEqualTo(503);
            assertThat(list.header("Content-Type")).startsWith("application/problem+json");
            assertThat(millis).as("the pool's wait, 1.5 s").isBetween(1_000L, 2_500L);

            Api.Response rating = signedInWithoutDatabase();
            assertThat(rating.status())
                    .as("a bearer token's account lookup, in the filter chain")
                    .isEqualTo(503);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(api().get("/api/music/").status()).isEqualTo(200);
    }

    /** A rating with a valid token, sent while the pool has no connection to look its account up with. */
    private Api.Response signedInWithoutDatabase() {
        return api().bearer(tokens.access(1)).post("/api/rating/", "{\"music\": 1, \"score\": 5}");
    }
}
