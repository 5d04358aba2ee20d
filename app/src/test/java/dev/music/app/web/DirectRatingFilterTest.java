package dev.music.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import dev.music.command.rating.RatingService;
import dev.music.command.web.DirectRatingRoute;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;

/**
 * Ratings taken below Spring MVC ({@link DirectRatingFilter}): answered as the full route answers
 * them, everything else passed on with its body intact, and refused with a fast 503 when more
 * ratings wait for a transaction than may. One dispatcher sending one rating a transaction, and
 * two ratings allowed to wait, so that a test can fill the queue by locking the event table.
 */
@TestPropertySource(
        properties = {
            "music.ratings.group-commit.dispatchers=1",
            "music.ratings.group-commit.max-batch=1",
            "music.ratings.group-commit.max-waiting=2"
        })
class DirectRatingFilterTest extends IntegrationTest {

    @Autowired
    private RatingService ratings;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void catalog() throws Exception {
        if (importer.catalogIsEmpty()) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
    }

    @Test
    void aWellFormedRatingIsAnsweredBelowSpringMvcWithTheFullRoutesAnswer() {
        long userId = newAccount("direct", Role.USER);
        Api user = api().bearer(tokens.access(userId)).with("X-Request-Id", "direct-1");
        Api.Response direct = user.post("/api/rating/", "{\"music\": 41, \"score\": 4}");
        Api.Response full = user.with("Content-Type", "application/x-www-form-urlencoded")
                .with("X-Request-Id", "full-1")
                .send("POST", "/api/rating/", "music=42&score=4");

        assertThat(direct.status()).isEqualTo(201);
        assertThat(full.status()).isEqualTo(201);
        assertThat(headerNames(direct)).isEqualTo(headerNames(full));
        for (String header : List.of(
                "Content-Type", "Cache-Control", "Pragma", "Expires", "X-Content-Type-Options", "X-Frame-Options")) {
            assertThat(direct.header(header)).as(header).isEqualTo(full.header(header));
        }
        assertThat(direct.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(fieldNames(direct.json())).containsExactlyElementsOf(fieldNames(full.json()));
        assertThat(direct.json().get("detail")).isEqualTo(full.json().get("detail"));
        assertThat(direct.header("X-Consistency-Token"))
                .isEqualTo(direct.json().get("consistency_token").asText())
                .isEqualTo(position("rating-41-" + userId) + ":41");
        assertThat(jdbc.queryForObject(
                        "select convert_from(meta_data, 'UTF8')::jsonb->>'requestId' from domain_event_entry"
                                + " where aggregate_identifier = ?",
                        String.class,
                        "rating-41-" + userId))
                .as("the same audit metadata")
                .isEqualTo("direct-1");
    }

    @Test
    void aWellFormedRatingIsAnsweredWithoutTheChain() throws Exception {
        long userId = newAccount("direct", Role.USER);
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter().doFilter(
                        rating(tokens.access(userId), "application/json", "{\"music\": 43, \"score\": 2}"),
                        response,
                        chain);

        assertThat(chain.getRequest()).as("not passed on").isNull();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(position("rating-43-" + userId)).isNotNull();
    }

    /** Each of these is answered by the controller (RatingApiTest, SecurityTest): the filter only passes it on. */
    @Test
    void whatTheDirectRouteDoesNotTakeGoesOnWithItsBodyAndStoresNothing() throws Exception {
        long userId = newAccount("direct", Role.USER);
        String token = tokens.access(userId);
        List<String> bodies = List.of(
                "{\"music\": 44, \"score\": 9}",
                "{\"music\": 44, \"score\": 0}",
                "{\"music\": 999, \"score\": 3}",
                "{\"music\": \"abc\", \"score\": 3}",
                "{\"music\": 44}",
                "{}",
                "",
                "[1, 4]",
                "{\"music\": 44, ",
                "{\"music\": 44, \"score\": 3}" + " ".repeat(70 * 1024));
        long events = eventCount();
        for (String body : bodies) {
            assertPassedOnIntact(rating(token, "application/json", body), body);
        }
        String good = "{\"music\": 44, \"score\": 3}";
        assertPassedOnIntact(rating(null, "application/json", good), good);
        assertPassedOnIntact(rating("not-a-token", "application/json", good), good);
        assertPassedOnIntact(rating(tokens.refresh(userId), "application/json", good), good);
        long removed = newAccount("removed", Role.USER);
        String removedToken = tokens.access(removed);
        accounts.delete(jdbc.queryForObject("select username from accounts where id = ?", String.class, removed));
        assertPassedOnIntact(rating(removedToken, "application/json", good), good);
        assertThat(eventCount()).as("nothing stored").isEqualTo(events);

        MockFilterChain form = new MockFilterChain();
        MockHttpServletRequest formRating = rating(token, "application/x-www-form-urlencoded", "music=44&score=3");
        filter().doFilter(formRating, new MockHttpServletResponse(), form);
        assertThat(form.getRequest()).as("a form is the controller's").isSameAs(formRating);
    }

    @Test
    void ratingsBeyondThoseThatMayWaitAreAFast503WithRetryAfterAndAreNotStored() throws Exception {
        long userId = newAccount("busy", Role.USER);
        Api user = api().bearer(tokens.access(userId));
        ExecutorService clients = Executors.newFixedThreadPool(9);
        long events = eventCount();
        double refusedBefore =
                meters.get("music.ratings.refused").functionCounter().count();
        List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                // inserts wait for the lock: the one rating sent waits for it, two more wait for their turn
                lock.execute("lock table domain_event_entry in exclusive mode");
            }
            for (int i = 0; i < 8; i++) {
                String body = "{\"music\": " + (50 + i) + ", \"score\": 5}";
                answers.add(CompletableFuture.supplyAsync(() -> user.post("/api/rating/", body), clients));
            }
            answers.add(CompletableFuture.supplyAsync(
                    () -> user.with("Content-Type", "application/x-www-form-urlencoded")
                            .send("POST", "/api/rating/", "music=58&score=5"),
                    clients));
            long refusedWhileLocked = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && refusedWhileLocked < 6) {
                refusedWhileLocked = answers.stream()
                        .filter(answer -> answer.isDone() && answer.join().status() == 503)
                        .count();
                Thread.sleep(20);
            }
            assertThat(refusedWhileLocked)
                    .as("all but the rating sent and the two waiting answered while the table is locked")
                    .isEqualTo(6);
            holder.rollback();
        } finally {
            clients.shutdown();
        }
        List<Api.Response> all = answers.stream().map(CompletableFuture::join).toList();
        for (Api.Response refused : all.stream().filter(a -> a.status() == 503).toList()) {
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(refused.json().get("detail").asText()).isEqualTo("The service is busy; try again shortly.");
        }
        assertThat(meters.get("music.ratings.refused").functionCounter().count() - refusedBefore)
                .isEqualTo(6);
        long accepted = all.stream().filter(a -> a.status() == 201).count();
        assertThat(accepted).as("the rating sent and the two waiting").isEqualTo(3);
        assertThat(eventCount()).as("exactly the accepted ratings stored").isEqualTo(events + accepted);
        assertThat(user.post("/api/rating/", "{\"music\": 59, \"score\": 5}").status())
                .as("taken again once the queue drains")
                .isEqualTo(201);
    }

    private DirectRatingFilter filter() {
        return new DirectRatingFilter(tokens, new DirectRatingRoute(ratings));
    }

    private static MockHttpServletRequest rating(String token, String contentType, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", DirectRatingRoute.PATH);
        if (token != null) {
            request.addHeader("Authorization", "Bearer " + token);
        }
        request.setContentType(contentType);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            request.addParameter("music", "44");
            request.addParameter("score", "3");
        }
        return request;
    }

    private void assertPassedOnIntact(MockHttpServletRequest request, String body) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter().doFilter(request, response, chain);
        String shown = body.length() > 40 ? body.substring(0, 40) + "…" : body;
        assertThat(chain.getRequest()).as("passed on: %s", shown).isNotNull();
        assertThat(response.getStatus()).as("not answered: %s", shown).isEqualTo(200);
        assertThat(new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .as("the body read again: %s", shown)
                .isEqualTo(body);
    }

    private Long position(String ratingId) {
        return jdbc.queryForObject(
                "select max(global_index) from domain_event_entry where aggregate_identifier = ?",
                Long.class,
                ratingId);
    }

    /** The answer's header names but its framing (a length here, chunks there) and its date. */
    private static Set<String> headerNames(Api.Response response) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(response.raw().headers().map().keySet());
        names.removeAll(List.of("Content-Length", "Transfer-Encoding", "Date"));
        return names;
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
