package dev.music.app.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.music.app.MusicApplication;
import dev.music.app.security.JwtTokens;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.TestDatabase;
import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import dev.music.command.catalog.CatalogImporter;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A command node and a query node, two processes' worth of application on one database. */
class RolesTest {

    private static ConfigurableApplicationContext command;
    private static ConfigurableApplicationContext query;

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabase.freshDatabaseUrl();
        command = node(url, "command");
        query = node(url, "query");
        try (InputStream file = Files.newInputStream(CatalogFiles.projectPlaylist())) {
            command.getBean(CatalogImporter.class).importCatalog(file, Map.of("user", "test"), done -> {});
        }
    }

    @AfterAll
    static void stop() {
        command.close();
        query.close();
    }

    @Test
    void eachRoleServesItsOwnRoutes() {
        Api writes = api(command);
        Api reads = api(query);
        assertThat(writes.get("/api/music/").status()).isEqualTo(404);
        assertThat(reads.post("/api/rating/", "{\"music\": 1, \"score\": 3}").status())
                .isIn(401, 404);
        assertThat(reads.post("/api/token/", "{\"username\": \"a\", \"password\": \"b\"}")
                        .status())
                .isEqualTo(404);
        assertThat(command.getBean(EventProcessingConfiguration.class).eventProcessor("songs"))
                .isEmpty();
        assertThat(query.getBean(EventProcessingConfiguration.class).eventProcessor("songs"))
                .isPresent();
    }

    @Test
    void aRatingTakenByTheCommandNodeIsProjectedAndServedByTheQueryNode() {
        long userId = command.getBean(AccountService.class)
                .register("roles-user", "blue whale song", Role.USER)
                .account()
                .id();
        String access = command.getBean(JwtTokens.class).access(userId);
        Api.Response rated = api(command).bearer(access).post("/api/rating/", "{\"music\": 3, \"score\": 4}");
        assertThat(rated.status()).isEqualTo(201);

        Api.Response song = api(query)
                .with("X-Consistency-Token", rated.header("X-Consistency-Token"))
                .get("/api/music/?ordering=-total_ratings&page_size=1");
        assertThat(song.header("X-Consistency")).isEqualTo("applied");
        assertThat(song.json().get("results").get(0).get("id").asLong()).isEqualTo(3);
        assertThat(song.json().get("results").get(0).get("total_ratings").asLong())
                .isEqualTo(1);
        assertThat(api(query)
                        .bearer(access)
                        .get("/api/me/ratings/")
                        .json()
                        .get("count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void anUnknownRoleIsRefusedAtStart() {
        assertThatThrownBy(() -> node(TestDatabase.freshDatabaseUrl(), "querry"))
                .rootCause()
                .hasMessageContaining("music.role is 'querry'");
    }

    private static ConfigurableApplicationContext node(String url, String role) {
        return new SpringApplicationBuilder(MusicApplication.class)
                .run(
                        "--server.port=0",
                        "--music.role=" + role,
                        "--spring.datasource.url=" + url,
                        "--music.catalog.import-on-empty=false",
                        "--music.jwt.secret=" + IntegrationTest.JWT_SECRET,
                        "--spring.jmx.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext node) {
        return Api.at("http://localhost:"
                + ((WebServerApplicationContext) node).getWebServer().getPort());
    }
}
