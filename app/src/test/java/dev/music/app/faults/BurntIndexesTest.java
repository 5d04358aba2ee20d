package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import dev.music.query.song.SongProjection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Appends that die mid-transaction (their connection cut, as a crash of the database or of the
 * service cuts it) burn the global indexes they were given. Those indexes stay gaps in the
 * projector's tokens for a while; they must never count as events still to come.
 */
@TestPropertySource(properties = "music.projection.gap-timeout=1s")
class BurntIndexesTest extends IntegrationTest {

    @Value("${spring.datasource.url}")
    String url;

    @Test
    void readsWithAConsistencyTokenAndTheCatchUpStayPromptAfterAppendsDiedMidTransaction() throws Exception {
        importProjectPlaylistOnce();
        Api user = signedIn(Role.USER);
        Set<Long> burnt = appendsCutMidTransaction(3);
        readBack(user, user.post("/api/rating/", "{\"music\": 1, \"score\": 4}"));
        assertThat(gaps()).as("the segments passed the burnt indexes as gaps").containsAll(burnt);

        for (int score = 1; score <= 3; score++) {
            JsonNode mine = readBack(user, user.post("/api/rating/", "{\"music\": 1, \"score\": " + score + "}"));
            assertThat(mine.get("music").asLong()).isEqualTo(1);
            assertThat(mine.get("score").asInt()).isEqualTo(score);
        }
        assertThat(progress.awaitCaughtUp(SongProjection.NAME, progress.head(), Duration.ofSeconds(2)))
                .as("caught up, the burnt gaps notwithstanding")
                .isTrue();
        assertProjectionEqualsEventStore();

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int song = 2;
        while (gaps().stream().anyMatch(burnt::contains) && System.nanoTime() < deadline) {
            user.post("/api/rating/", "{\"music\": " + song++ + ", \"score\": 5}");
            Thread.sleep(200);
        }
        assertThat(gaps())
                .as("past the gap timeout the tokens shed the burnt gaps")
                .doesNotContainAnyElementsOf(burnt);
    }

    /** The caller's ratings, read with the rating's consistency token: they must show it at once. */
    private static JsonNode readBack(Api user, Api.Response rated) {
        assertThat(rated.status()).isEqualTo(201);
        Api.Response read = user.with("X-Consistency-Token", rated.header("X-Consistency-Token"))
                .get("/api/me/ratings/");
        assertThat(read.header("X-Consistency")).isEqualTo("applied");
        assertThat(Long.parseLong(read.header("X-Consistency-Wait-Ms"))).isLessThan(1_000);
        return read.json().get("results").get(0);
    }

    /** Each append inserts its event, then its connection is terminated before the commit. */
    private Set<Long> appendsCutMidTransaction(int count) throws Exception {
        Set<Long> burnt = new TreeSet<>();
        List<Connection> doomed = new ArrayList<>();
        try (Connection killer = DriverManager.getConnection(url)) {
            for (int i = 0; i < count; i++) {
                Connection connection = DriverManager.getConnection(url);
                doomed.add(connection);
                connection.setAutoCommit(false);
                try (ResultSet row = connection.createStatement().executeQuery("""
                        insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                            payload, payload_type, time_stamp)
                        values (gen_random_uuid()::text, 0, 'Rating', gen_random_uuid()::text, '{}'::bytea,
                            'dev.music.events.RatingSubmitted', now()::text)
                        returning global_index, pg_backend_pid()""")) {
                    row.next();
                    burnt.add(row.getLong(1));
                    killer.createStatement().execute("select pg_terminate_backend(" + row.getInt(2) + ")");
                }
            }
        } finally {
            for (Connection connection : doomed) {
                try {
                    connection.close();
                } catch (Exception ignored) {
                    // already cut
                }
            }
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where global_index = any(?)", Long.class, (Object)
                                burnt.toArray(Long[]::new)))
                .isZero();
        return burnt;
    }

    private Collection<Long> gaps() {
        Set<Long> gaps = new TreeSet<>();
        progress.segments(SongProjection.NAME).forEach(segment -> {
            if (segment.token() instanceof GapAwareTrackingToken token) {
                gaps.addAll(token.getGaps());
            }
        });
        return gaps;
    }
}
