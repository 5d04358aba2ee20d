package dev.music.app.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.music.app.MusicApplication;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.ServiceProcess;
import dev.music.app.support.TestDatabase;
import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.rating.RatingService;
import dev.music.events.Stars;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.projection.ProjectionVerifier;
import dev.music.query.song.SongProjection;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two query nodes on one database share the projection's segments, and each one's live
 * listeners hear of every song, whichever node projected it. The other node is then killed
 * outright (no shutdown, its claims left behind); this one takes its segments over once the
 * claims expire, and the projection stays exact.
 */
class FailoverTest {

    private static final String CLAIM_TIMEOUT = "--axon.eventhandling.tokenstore.claim-timeout=2s";
    private static final String BALANCE_INTERVAL = "--music.projection.balance-interval=500ms";

    @Test
    void twoNodesShareTheSegmentsAndASurvivorTakesOverADeadOnesShare() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        Process doomed =
                ServiceProcess.start(url, "--server.port=0", "--music.role=query", CLAIM_TIMEOUT, BALANCE_INTERVAL);
        try (ConfigurableApplicationContext survivor = waitForClaimsThenStart(url, doomed)) {
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);
            ProjectionProgress progress = survivor.getBean(ProjectionProgress.class);
            String doomedNode = doomed.pid() + "@" + host(jdbc);
            awaitOwners(
                    jdbc,
                    owners -> owners.stream().filter(doomedNode::equals).count() == 2
                            && owners.stream()
                                            .filter(o -> o != null && !o.equals(doomedNode))
                                            .count()
                                    == 2,
                    "the two nodes hold two segments each");

            try (InputStream file = Files.newInputStream(CatalogFiles.projectPlaylist())) {
                survivor.getBean(CatalogImporter.class).importCatalog(file, Map.of("user", "test"), done -> {});
            }
            assertThat(progress.awaitCaughtUp(SongProjection.NAME, progress.head(), Duration.ofSeconds(30)))
                    .isTrue();
            long userId = survivor.getBean(AccountService.class)
                    .register("rater", "blue whale song", Role.USER)
                    .account()
                    .id();
            RatingService ratings = survivor.getBean(RatingService.class);

            Iterator<String> live = liveRatings(survivor);
            for (int song = 1; song <= 8; song++) {
                ratings.submit(song, userId, Stars.of(5), Map.of("userId", userId));
            }
            Set<Long> heard = new TreeSet<>();
            while (heard.size() < 8 && live.hasNext()) {
                String line = live.next();
                if (line.startsWith("data:")) {
                    heard.add(new ObjectMapper()
                            .readTree(line.substring(5))
                            .get("id")
                            .asLong());
                }
            }
            assertThat(heard)
                    .as("this node's listeners hear the songs both nodes projected")
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);

            doomed.destroyForcibly().waitFor();
            for (int song = 1; song <= 20; song++) {
                ratings.submit(song, userId, Stars.of(song % 5 + 1), Map.of("userId", userId));
            }
            assertThat(progress.awaitCaughtUp(SongProjection.NAME, progress.head(), Duration.ofSeconds(30)))
                    .as("the survivor catches up after the claims expire")
                    .isTrue();
            assertThat(owners(jdbc)).doesNotContain(doomedNode).doesNotContainNull();
            assertThat(survivor.getBean(ProjectionVerifier.class).differences()).isEmpty();
            assertThat(jdbc.queryForObject("select sum(total_ratings) from songs", Long.class))
                    .isEqualTo(20);
        } finally {
            doomed.destroyForcibly();
        }
    }

    /** The lines of a live ratings stream from this node, opened before the ratings are submitted. */
    private static Iterator<String> liveRatings(ConfigurableApplicationContext node) throws Exception {
        int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/ratings/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().iterator();
    }

    private static void awaitOwners(JdbcTemplate jdbc, Predicate<List<String>> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(owners(jdbc))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": owners are " + owners(jdbc));
    }

    /** Starts this JVM's node only when the other process holds every segment. */
    private static ConfigurableApplicationContext waitForClaimsThenStart(String url, Process other) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(url));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(other.isAlive()).as("the other node runs").isTrue();
            List<String> owners = tableExists(jdbc) ? owners(jdbc) : List.of();
            if (owners.size() == 4 && owners.stream().allMatch(o -> o != null && o.startsWith(other.pid() + "@"))) {
                return new SpringApplicationBuilder(MusicApplication.class)
                        .run(
                                "--server.port=0",
                                "--music.role=all",
                                "--spring.datasource.url=" + url,
                                "--music.catalog.import-on-empty=false",
                                "--music.jwt.secret=" + IntegrationTest.JWT_SECRET,
                                "--spring.jmx.enabled=false",
                                CLAIM_TIMEOUT,
                                BALANCE_INTERVAL);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the other node never claimed the segments");
    }

    private static boolean tableExists(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass('token_entry') is not null", Boolean.class));
    }

    private static List<String> owners(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "select owner from token_entry where processor_name = 'songs' order by segment", String.class);
    }

    private static String host(JdbcTemplate jdbc) {
        String owner = owners(jdbc).get(0);
        return owner.substring(owner.indexOf('@') + 1);
    }
}
