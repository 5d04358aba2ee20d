package dev.music.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.MusicApplication;
import dev.music.app.security.JwtTokens;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.Load;
import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import dev.music.command.catalog.CatalogImporter;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.song.SongProjection;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Checks shared by the fault tests. */
final class Faults {

    private Faults() {}

    /** Every acknowledged rating is in the event store, at the position its answer named, as it was sent. */
    static void assertStored(String jdbcUrl, List<Load.Acknowledged> acknowledged) throws Exception {
        assertThat(acknowledged).as("ratings acknowledged").isNotEmpty();
        Map<Long, String> stored = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                PreparedStatement query = connection.prepareStatement(
                        "select global_index,"
                                + " convert_from(payload, 'UTF8')::jsonb ->> 'songId', convert_from(payload, 'UTF8')::jsonb ->> 'userId',"
                                + " convert_from(payload, 'UTF8')::jsonb ->> 'stars' from domain_event_entry where global_index = any(?)")) {
            query.setArray(
                    1,
                    connection.createArrayOf(
                            "bigint",
                            acknowledged.stream()
                                    .map(Load.Acknowledged::position)
                                    .toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getLong(1), rows.getString(2) + "/" + rows.getString(3) + "/" + rows.getString(4));
                }
            }
        }
        assertThat(acknowledged)
                .allSatisfy(rating -> assertThat(stored.get(rating.position()))
                        .as("the acknowledged rating at %d", rating.position())
                        .isEqualTo(rating.songId() + "/" + rating.userId() + "/" + rating.stars()));
    }

    /** {@code count} new listeners' accounts, each with an access token. */
    static List<Load.Rater> raters(ConfigurableApplicationContext service, int count) {
        AccountService accounts = service.getBean(AccountService.class);
        JwtTokens tokens = service.getBean(JwtTokens.class);
        List<Load.Rater> raters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = accounts.register("rater-" + i, "correct horse battery", Role.USER)
                    .account()
                    .id();
            raters.add(new Load.Rater(id, tokens.access(id)));
        }
        return raters;
    }

    /**
     * Rates song 7 as {@code rater} and reads the rating back with its consistency token: the read
     * must find it applied, within a second; the wait in ms.
     */
    static long rateAndReadBack(Load probes, String base, Load.Rater rater) {
        HttpResponse<String> rated = probes.send(
                "rate",
                HttpRequest.newBuilder(URI.create(base + "/api/rating/"))
                        .header("Authorization", "Bearer " + rater.accessToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"music\": 7, \"score\": 3}")));
        assertThat(rated.statusCode()).isEqualTo(201);
        HttpResponse<String> read = probes.send(
                "read",
                HttpRequest.newBuilder(URI.create(base + "/api/me/ratings/"))
                        .header("Authorization", "Bearer " + rater.accessToken())
                        .header(
                                "X-Consistency-Token",
                                rated.headers()
                                        .firstValue("X-Consistency-Token")
                                        .orElseThrow()));
        assertThat(read.headers().firstValue("X-Consistency"))
                .as("read-your-writes")
                .contains("applied");
        long wait = Long.parseLong(
                read.headers().firstValue("X-Consistency-Wait-Ms").orElseThrow());
        assertThat(wait).isLessThan(1_000);
        return wait;
    }

    /**
     * The service, in this JVM, on the database at {@code url} (the projector in two segments), with
     * the project's catalog imported and projected.
     */
    static ConfigurableApplicationContext serviceWithCatalog(String url) throws Exception {
        ConfigurableApplicationContext service = new SpringApplicationBuilder(MusicApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--music.catalog.import-on-empty=false",
                        "--music.jwt.secret=" + IntegrationTest.JWT_SECRET,
                        "--spring.jmx.enabled=false",
                        "--axon.eventhandling.processors.songs.initial-segment-count=2");
        try (InputStream file = Files.newInputStream(CatalogFiles.projectPlaylist())) {
            service.getBean(CatalogImporter.class).importCatalog(file, Map.of("user", "test"), done -> {});
            ProjectionProgress progress = service.getBean(ProjectionProgress.class);
            assertThat(progress.awaitCaughtUp(SongProjection.NAME, progress.head(), Duration.ofSeconds(30)))
                    .isTrue();
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }
}
