package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.Cli;
import dev.music.app.support.Load;
import dev.music.app.support.ServiceProcess;
import dev.music.app.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service process is killed outright (SIGKILL) under rating and search load, its appends in
 * flight, and started again: every rating it acknowledged is stored, the read model equals a
 * recount of the event store, and reads with a fresh rating's consistency token are answered at once,
 * although the appends the kill cut burnt their global indexes.
 */
class ServiceKillTest {

    @Test
    void aServiceKilledUnderLoadLosesNothingItAcknowledged() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        int port = ServiceProcess.freePort();
        String base = "http://localhost:" + port;
        Process service = start(url, port);
        try {
            ServiceProcess.awaitAnswer(service, base, "/actuator/health/readiness");
            Cli.Output loaded = Cli.run(
                    "", "load-music", CatalogFiles.projectPlaylist().toString(), "--spring.datasource.url=" + url);
            assertThat(loaded.exitCode()).as(loaded.err()).isZero();
            List<Load.Rater> raters = raters(Api.at(base), 12);

            List<Load.Acknowledged> acknowledged = new ArrayList<>();
            Load beforeKill = new Load(base, raters, 4, 100);
            Thread.sleep(4_000);
            service.destroyForcibly().waitFor();
            beforeKill.close();
            acknowledged.addAll(beforeKill.acknowledged());
            assertThat(beforeKill.answers())
                    .as("answers before the kill")
                    .filteredOn(Load.Answer::succeeded)
                    .hasSizeGreaterThan(20);

            service = start(url, port);
            ServiceProcess.awaitAnswer(service, base, "/actuator/health/readiness");
            Load afterRestart = new Load(base, raters, 4, 100);
            Thread.sleep(2_000);
            afterRestart.close();
            acknowledged.addAll(afterRestart.acknowledged());
            assertThat(afterRestart.answers())
                    .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 201));

            Api rater = Api.at(base).bearer(raters.get(0).accessToken());
            Api.Response rated = rater.post("/api/rating/", "{\"music\": 5, \"score\": 2}");
            assertThat(rated.status()).isEqualTo(201);
            Api.Response read = rater.with("X-Consistency-Token", rated.header("X-Consistency-Token"))
                    .get("/api/me/ratings/");
            assertThat(read.header("X-Consistency")).isEqualTo("applied");
            long consistencyWait = Long.parseLong(read.header("X-Consistency-Wait-Ms"));
            assertThat(consistencyWait).isLessThan(1_000);

            long verifyStarted = System.nanoTime();
            Cli.Output verified = Cli.run("", "verify-projections", "--spring.datasource.url=" + url);
            Duration verifying = Duration.ofNanos(System.nanoTime() - verifyStarted);
            assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
            Faults.assertStored(url, acknowledged);
            System.out.printf(
                    "service kill: %d acknowledged ratings all stored; after the restart a fresh rating"
                            + " applied after %d ms; verify-projections equal in %d ms%n",
                    acknowledged.size(), consistencyWait, verifying.toMillis());
        } finally {
            service.destroyForcibly();
        }
    }

    private static Process start(String url, int port) throws Exception {
        return ServiceProcess.start(url, "--server.port=" + port, "--axon.eventhandling.tokenstore.claim-timeout=2s");
    }

    private static List<Load.Rater> raters(Api api, int count) throws Exception {
        List<Load.Rater> raters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String credentials = "{\"username\": \"rater-" + i + "\", \"password\": \"correct horse battery\"}";
            Api.Response registered = api.post("/api/register/", credentials);
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String access =
                    api.post("/api/token/", credentials).json().get("access").asText();
            raters.add(new Load.Rater(registered.json().get("id").asLong(), access));
        }
        return raters;
    }
}
