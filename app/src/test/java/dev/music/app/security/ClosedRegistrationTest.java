package dev.music.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "music.auth.self-registration=false")
class ClosedRegistrationTest extends IntegrationTest {

    @Test
    void signUpCanBeSwitchedOff() {
        Api.Response response =
                api().post("/api/register/", "{\"username\": \"kim\", \"password\": \"blue whale song\"}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asText()).contains("Registration is closed");
        assertThat(jdbc.queryForObject("select count(*) from accounts", Long.class))
                .isZero();
    }
}
