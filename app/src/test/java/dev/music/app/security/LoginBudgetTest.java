package dev.music.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.support.Api;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.ServiceProcess;
import dev.music.command.account.Role;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failure budgets on {@code POST /api/token/} over HTTP, on PostgreSQL. The tests' client is a
 * trusted proxy here, so each test names a client address of its own in {@code X-Forwarded-For}.
 */
class LoginBudgetTest extends IntegrationTest {

    private static final String WINDOW = "6s";
    private static final String[] BUDGETS = {
        "--music.auth.login.user-failures=10",
        "--music.auth.login.address-failures=15",
        "--music.auth.login.window=" + WINDOW,
        "--music.auth.login.trusted-proxies=127.0.0.1,::1"
    };

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Environment environment;

    @DynamicPropertySource
    static void budgets(DynamicPropertyRegistry registry) {
        for (String option : BUDGETS) {
            String[] setting = option.substring(2).split("=", 2);
            registry.add(setting[0], () -> setting[1]);
        }
    }

    @Test
    void wrongPasswordsPastTheBudgetAreRefusedUntilTheWindowPassesTheRightOneIncluded() throws InterruptedException {
        Api client = from("203.0.113.1");
        String user = account();
        double throttledBefore = meters.counter("music.logins.throttled").count();
        List<Integer> statuses = new ArrayList<>();
        Api.Response last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            last = signIn(client, user, "wrong password " + attempt);
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 30)).containsOnly(429);
        assertThat(last.header("Content-Type")).startsWith("application/problem+json");
        assertThat(last.json().get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(last.json().get("status").asInt()).isEqualTo(429);
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 6L);
        assertThat(last.json().get("detail").asText())
                .isEqualTo("Too many failed sign-ins: try again in " + retryAfter + " s.");
        assertThat(meters.counter("music.logins.throttled").count() - throttledBefore)
                .isEqualTo(20);

        Api.Response right = signIn(client, user, "correct horse battery");
        assertThat(right.status())
                .as("the right password, while the budget is spent")
                .isEqualTo(429);

        Instant deadline = Instant.now().plusSeconds(15);
        Thread.sleep(
                Duration.ofSeconds(Long.parseLong(right.header("Retry-After"))).toMillis());
        while (right.status() == 429 && Instant.now().isBefore(deadline)) {
            right = signIn(client, user, "correct horse battery");
            Thread.sleep(200);
        }
        assertThat(right.status())
                .as("the right password, once the window passed")
                .isEqualTo(200);
        assertThat(right.json().get("access").asText()).isNotBlank();
        assertThat(signIn(client, user, "wrong again").status())
                .as("a success cleared the username's failures")
                .isEqualTo(401);
    }

    @Test
    void anotherUserFromTheSameAddressStillSignsIn() {
        Api client = from("203.0.113.2");
        String victim = account();
        for (int attempt = 0; attempt < 12; attempt++) {
            signIn(client, victim, "wrong password");
        }
        assertThat(signIn(client, victim, "correct horse battery").status()).isEqualTo(429);
        assertThat(signIn(client, account(), "correct horse battery").status()).isEqualTo(200);
    }

    @Test
    void unknownUsernamesThrottleTheSameWay() {
        Api client = from("203.0.113.3");
        String nobody = "nobody-" + UUID.randomUUID();
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < 12; attempt++) {
            statuses.add(signIn(client, nobody, "any password").status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        assertThat(signIn(client, nobody.toUpperCase(), "any password").status())
                .as("the username's budget ignores case")
                .isEqualTo(429);
    }

    @Test
    void oneAddressRunsOutAcrossUsernamesWhileOthersSignIn() {
        Api client = from("203.0.113.4");
        for (int attempt = 0; attempt < 15; attempt++) {
            assertThat(signIn(client, "spray-" + attempt, "password").status()).isEqualTo(401);
        }
        String user = account();
        Api.Response refused = signIn(client, user, "correct horse battery");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(signIn(from("203.0.113.5"), user, "correct horse battery").status())
                .as("the same account from another address")
                .isEqualTo(200);
        assertThat(signIn(api().with("X-Forwarded-For", "203.0.113.5, 203.0.113.4"), user, "correct horse battery")
                        .status())
                .as("the address the trusted proxy saw counts, not one the client wrote before it")
                .isEqualTo(429);
    }

    @Test
    void twoServiceProcessesOnOneDatabaseShareOneBudget() throws Exception {
        String url = environment.getRequiredProperty("spring.datasource.url");
        int otherPort = ServiceProcess.freePort();
        List<String> options = new ArrayList<>(List.of("--server.port=" + otherPort, "--spring.jmx.enabled=false"));
        options.addAll(List.of(BUDGETS));
        Process other = ServiceProcess.start(url, options.toArray(String[]::new));
        try {
            Api here = from("203.0.113.6");
            Api there = Api.at("http://localhost:" + otherPort).with("X-Forwarded-For", "203.0.113.6");
            ServiceProcess.awaitAnswer(other, "http://localhost:" + otherPort, "/actuator/health");
            String user = account();
            for (int attempt = 0; attempt < 5; attempt++) {
                assertThat(signIn(here, user, "wrong").status()).isEqualTo(401);
                assertThat(signIn(there, user, "wrong").status()).isEqualTo(401);
            }
            assertThat(signIn(there, user, "wrong").status()).isEqualTo(429);
            assertThat(signIn(here, user, "correct horse battery").status()).isEqualTo(429);
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    private Api from(String address) {
        return api().with("X-Forwarded-For", address);
    }

    private String account() {
        String username = "budget-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(accounts.register(username, "correct horse battery", Role.USER)
                        .problems())
                .isEmpty();
        return username;
    }

    private static Api.Response signIn(Api client, String username, String password) {
        return client.post("/api/token/", "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
    }
}
