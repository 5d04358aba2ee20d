package dev.music.app.roles;

import dev.music.app.MusicApplication;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.TestDatabase;
import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.rating.RatingService;
import dev.music.events.Stars;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.projection.ProjectionVerifier;
import dev.music.query.song.SongProjection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query nodes on one database; the one that projects is killed outright (no shutdown, its
 * claims left behind); the other takes the segments over once the claims expire, and the
 * projection stays exact.
 */
class FailoverTest {

    private static final String CLAIM_TIMEOUT = "--axon.eventhandling.tokenstore.claim-timeout=2s";

    @Test
    void aSurvivingNodeTakesOverTheSegmentsOfADeadOne() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        Process doomed = startNodeProcess(url);
        try (ConfigurableApplicationContext survivor = waitForClaimsThenStart(url, doomed)) {
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);
            ProjectionProgress progress = survivor.getBean(ProjectionProgress.class);
            try (InputStream file = Files.newInputStream(CatalogFiles.projectPlaylist())) {
                survivor.getBean(CatalogImporter.class).importCatalog(file, Map.of("user", "test"), done -> { });
            }
            assertThat(progress.awaitApplied(SongProjection.NAME, progress.head(), Duration.ofSeconds(30))).isTrue();
            assertThat(owners(jdbc)).as("the other process projects").containsOnly(doomed.pid() + "@" + host(jdbc));

            doomed.destroyForcibly().waitFor();
            long userId = survivor.getBean(AccountService.class).register("after-death", "blue whale song", Role.USER)
                    .account().id();
            RatingService ratings = survivor.getBean(RatingService.class);
            for (int song = 1; song <= 20; song++) {
                ratings.submit(song, userId, Stars.of(song % 5 + 1), Map.of("userId", userId));
            }

            assertThat(progress.awaitApplied(SongProjection.NAME, progress.head(), Duration.ofSeconds(30)))
                    .as("the survivor catches up after the claims expire").isTrue();
            assertThat(owners(jdbc)).doesNotContain(doomed.pid() + "@" + host(jdbc));
            assertThat(survivor.getBean(ProjectionVerifier.class).differences()).isEmpty();
            assertThat(jdbc.queryForObject("select sum(total_ratings) from songs", Long.class)).isEqualTo(20);
        } finally {
            doomed.destroyForcibly();
        }
    }

    private static Process startNodeProcess(String url) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-Xmx256m",
                MusicApplication.class.getName(), "--server.port=0", "--music.role=query",
                "--spring.datasource.url=" + url, "--music.catalog.import-on-empty=false",
                "--music.jwt.secret=" + IntegrationTest.JWT_SECRET, CLAIM_TIMEOUT)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Starts this JVM's node only when the other process holds every segment. */
    private static ConfigurableApplicationContext waitForClaimsThenStart(String url, Process other) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(url));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(other.isAlive()).as("the other node runs").isTrue();
            List<String> owners = tableExists(jdbc) ? owners(jdbc) : List.of();
            if (owners.size() == 4 && owners.stream().allMatch(o -> o != null && o.startsWith(other.pid() + "@"))) {
                return new SpringApplicationBuilder(MusicApplication.class).run("--server.port=0", "--music.role=all",
                        "--spring.datasource.url=" + url, "--music.catalog.import-on-empty=false",
                        "--music.jwt.secret=" + IntegrationTest.JWT_SECRET, "--spring.jmx.enabled=false", CLAIM_TIMEOUT);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the other node never claimed the segments");
    }

    private static boolean tableExists(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass('token_entry') is not null", Boolean.class));
    }

    private static List<String> owners(JdbcTemplate jdbc) {
        return jdbc.queryForList("select owner from token_entry where processor_name = 'songs' order by segment",
                String.class);
    }

    private static String host(JdbcTemplate jdbc) {
        String owner = owners(jdbc).get(0);
        return owner.substring(owner.indexOf('@') + 1);
    }
}
