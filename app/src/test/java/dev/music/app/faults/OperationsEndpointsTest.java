package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import dev.music.query.song.SongProjection;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.TestPropertySource;

/** What orchestrators and operators watch: the probes and the metrics. */
@TestPropertySource(properties = "music.health.max-projection-lag=1s")
class OperationsEndpointsTest extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void probesAnswerAnonymouslyAndReadinessChecksTheDatabaseAndTheProjection() {
        assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        Api.Response readiness = api().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void readinessIsOutOfServiceWhileTheProjectionLags() throws Exception {
        importProjectPlaylistOnce();
        TrackingEventProcessor projector = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(SongProjection.NAME, TrackingEventProcessor.class)
                .orElseThrow();
        projector.shutDown();
        try {
            assertThat(signedIn(Role.USER)
                            .post("/api/rating/", "{\"music\": 4, \"score\": 2}")
                            .status())
                    .isEqualTo(201);
            assertThat(readinessWithin(Duration.ofSeconds(10), 503))
                    .as("readiness while the projection lags")
                    .isTrue();
            assertThat(api().get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            projector.start();
        }
        assertThat(readinessWithin(Duration.ofSeconds(10), 200))
                .as("readiness once it has caught up")
                .isTrue();
    }

    private boolean readinessWithin(Duration limit, int status) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (api().get("/actuator/health/readiness").status() == status) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Test
    void metricsAreForAdminsAndCoverRatingsProjectionPoolAndRoutes() throws Exception {
        importProjectPlaylistOnce();
        Api user = signedIn(Role.USER);
        assertThat(user.post("/api/rating/", "{\"music\": 3, \"score\": 4}").status())
                .isEqualTo(201);
        api().get("/api/music/?title=love");
        awaitProjection();

        assertThat(api().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(user.get("/actuator/prometheus").status()).isEqualTo(403);
        Api.Response scraped = signedIn(Role.ADMIN).get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body())
                .containsPattern("music_ratings_submitted_seconds_count\\{outcome=\"accepted\"} [1-9]")
                .contains("music_ratings_submitted_seconds_bucket{outcome=\"accepted\"")
                .contains("music_projection_lag_events{projection=\"songs\"}")
                .contains("music_projection_lag_seconds{projection=\"songs\"}")
                .contains("music_projection_dead_letters{projection=\"songs\"} 0")
                .contains("music_projection_rebuild_progress{projection=\"songs\"}")
                .contains("hikaricp_connections_active")
                .containsPattern("http_server_requests_seconds_bucket\\{.*uri=\"/api/music/\".*le=");
    }

    @Test
    void noInMemoryUserIsCreated() {
        assertThat(context.getBeansOfType(UserDetailsService.class)).isEmpty();
    }
}
