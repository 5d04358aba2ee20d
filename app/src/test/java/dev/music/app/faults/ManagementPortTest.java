package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/** On a management port of its own, metrics are scraped without a token (and without the database). */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends IntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void metricsOnTheManagementPortNeedNoToken() {
        Api management = Api.at("http://localhost:" + managementPort);
        Api.Response scraped = management.get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("music_projection_lag_events");
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().get("/actuator/prometheus").status())
                .as("not open on the API's port")
                .isNotEqualTo(200);
        assertThat(management.get("/api/music/").status())
                .as("no API on the management port")
                .isEqualTo(404);
    }
}
