package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Cli;
import dev.music.app.support.Load;
import dev.music.app.support.SynchronousStandbyPostgres;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.projection.ProjectionVerifier;
import dev.music.query.song.SongProjection;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The primary database fails under rating and search load and a failover manager promotes its
 * synchronous standby five seconds later; the service, configured with both hosts, is not
 * restarted. While no primary exists every answer is a prompt 503 and readiness says so; after
 * the promotion ratings are accepted again within seconds, reads with a consistency token see
 * them at once, the projection resumes on the new primary and equals a recount of its events,
 * and every rating answered 201 is an event there. The primary either crashes (its sockets
 * closed) or freezes (its sockets left open, nothing answering: a cut network).
 */
class PrimaryFailoverTest {

    private static final Duration PROMOTED_AFTER = Duration.ofSeconds(5);
    private static final Duration PROMPT = Duration.ofMillis(2_500);
    private static final Duration ACCEPTED_WITHIN = Duration.ofSeconds(10);

    private interface Fault {
        void strike(SynchronousStandbyPostgres servers) throws Exception;
    }

    @BeforeAll
    static void binaries() {
        SynchronousStandbyPostgres.assumeBinaries();
    }

    @Test
    void aCrashedPrimaryIsFollowedToItsPromotedStandby() throws Exception {
        failover("crashed", SynchronousStandbyPostgres::crashPrimary);
    }

    @Test
    void aFrozenPrimaryIsFollowedToItsPromotedStandby() throws Exception {
        failover("frozen", SynchronousStandbyPostgres::freezePrimary);
    }

    private void failover(String fault, Fault strike) throws Exception {
        try (SynchronousStandbyPostgres servers = SynchronousStandbyPostgres.start();
                ConfigurableApplicationContext service = Faults.serviceWithCatalog(servers.failoverUrl())) {
            String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            ProjectionProgress progress = service.getBean(ProjectionProgress.class);
            List<Load.Rater> raters = Faults.raters(service, 12);

            Load load = new Load(base, raters, 4, 100);
            Load probes = new Load(base, List.of(), 0, 0);
            Thread.sleep(3_000);
            strike.strike(servers);
            long down = System.nanoTime();
            probeReadinessUntil(probes, base, down + PROMOTED_AFTER.toNanos());
            long promoting = System.nanoTime();
            servers.promoteStandby();
            long promoted = System.nanoTime();
            probeReadinessUntil(probes, base, promoted + ACCEPTED_WITHIN.toNanos() + 3_000_000_000L);
            load.close();

            List<Load.Answer> answers = load.answers();
            assertThat(answers)
                    .as("every request was answered promptly, with success or 503")
                    .allSatisfy(a -> {
                        assertThat(a.status()).as(a.toString()).isIn(200, 201, 503);
                        assertThat(Duration.ofMillis(a.millis()))
                                .as(a.toString())
                                .isLessThanOrEqualTo(PROMPT);
                    });
            List<Load.Answer> withoutPrimary = answers.stream()
                    .filter(a -> a.started() > down && a.ended() < promoting)
                    .toList();
            assertThat(withoutPrimary)
                    .as("answers while no primary existed")
                    .hasSizeGreaterThan(10)
                    .allSatisfy(a -> {
                        assertThat(a.status()).as(a.toString()).isEqualTo(503);
                        assertThat(a.retryAfter()).isNotNull();
                        assertThat(a.contentType()).startsWith("application/problem+json");
                    });
            assertThat(probes.answers())
                    .filteredOn(a -> a.started() > down + PROMPT.toNanos() && a.ended() < promoting)
                    .as("readiness while no primary existed")
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(503));

            long firstAccepted = answers.stream()
                    .filter(a -> a.kind().equals("rate") && a.status() == 201 && a.started() > promoted)
                    .mapToLong(Load.Answer::ended)
                    .min()
                    .orElseThrow(() -> new AssertionError("no rating was accepted after the promotion"));
            Duration accepted = Duration.ofNanos(firstAccepted - promoted);
            assertThat(accepted)
                    .as("the first rating accepted after the promotion")
                    .isLessThanOrEqualTo(ACCEPTED_WITHIN);
            assertThat(answers)
                    .filteredOn(a -> a.started() > promoted + ACCEPTED_WITHIN.toNanos())
                    .as("answers once the new primary serves")
                    .hasSizeGreaterThan(20)
                    .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 201));

            Load.Rater fresh = raters.get(0);
            Faults.rateAndReadBack(probes, base, fresh);

            assertThat(progress.awaitCaughtUp(SongProjection.NAME, progress.head(), Duration.ofSeconds(10)))
                    .as("the projection resumed on the new primary")
                    .isTrue();
            assertThat(service.getBean(ProjectionVerifier.class).differences()).isEmpty();
            List<Load.Acknowledged> acknowledged = load.acknowledged();
            Faults.assertStored(servers.standby().jdbcUrl(), acknowledged);
            Cli.Output verified = Cli.run("", "verify-projections", "--spring.datasource.url=" + servers.failoverUrl());
            assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();

            Map<Integer, Long> statuses = withoutPrimary.stream()
                    .collect(Collectors.groupingBy(Load.Answer::status, TreeMap::new, Collectors.counting()));
            long lastBefore = acknowledged.stream()
                    .filter(a -> a.position() > 0)
                    .mapToLong(Load.Acknowledged::position)
                    .max()
                    .orElse(0);
            System.out.printf(
                    "primary %s, standby promoted %d ms later: answers while no primary %s, slowest %d ms; readiness"
                            + " 503; first rating accepted %d ms after the promotion; every answer 2xx from %d s on;"
                            + " %d acknowledged ratings all stored on the new primary (0 lost), last position %d;"
                            + " projection equal to a recount; verify-projections exit 0%n",
                    fault,
                    (promoting - down) / 1_000_000,
                    statuses,
                    answers.stream().mapToLong(Load.Answer::millis).max().orElse(0),
                    accepted.toMillis(),
                    ACCEPTED_WITHIN.toSeconds(),
                    acknowledged.size(),
                    lastBefore);
        }
    }

    private static void probeReadinessUntil(Load probes, String base, long until) throws InterruptedException {
        while (System.nanoTime() < until) {
            probes.send("readiness", HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")));
            Thread.sleep(250);
        }
    }
}
