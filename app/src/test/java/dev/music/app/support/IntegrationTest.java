package dev.music.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.music.app.security.JwtTokens;
import dev.music.command.account.AccountService;
import dev.music.command.account.Role;
import dev.music.command.catalog.CatalogImporter;
import dev.music.command.catalog.ImportSummary;
import dev.music.query.projection.ProjectionProgress;
import dev.music.query.projection.ProjectionVerifier;
import dev.music.query.song.SongProjection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running application on a real PostgreSQL database of its own (see {@link TestDatabase}),
 * spoken to over HTTP on a random port.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "music.catalog.import-on-empty=false",
            "axon.eventhandling.processors.songs.initial-segment-count=2",
            "music.jwt.secret=" + IntegrationTest.JWT_SECRET
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class IntegrationTest {

    /** The tests' signing key, so that they can forge tokens the way an attacker would. */
    public static final String JWT_SECRET = "test-signing-key-of-more-than-thirty-two-bytes";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected CatalogImporter importer;

    @Autowired
    protected ProjectionProgress progress;

    @Autowired
    protected AccountService accounts;

    @Autowired
    protected JwtTokens tokens;

    @Autowired
    protected ProjectionVerifier verifier;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
    }

    protected Api api() {
        return new Api("http://localhost:" + port);
    }

    /** Imports a catalog file as load-music does and waits until search shows it. */
    protected ImportSummary importCatalog(Path file) throws IOException, InterruptedException {
        ImportSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
            summary = importer.importCatalog(in, Map.of("user", "test"), done -> {});
        }
        awaitProjection();
        return summary;
    }

    /**
     * Imports the project's playlist once per test class (its database keeps it between tests)
     * and refreshes the table statistics, which count estimates and search plans scale by.
     */
    protected void importProjectPlaylistOnce() throws IOException, InterruptedException {
        if (progress.head() == 0) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
        jdbc.execute("analyze songs");
    }

    protected void awaitProjection() throws InterruptedException {
        long head = progress.head();
        assertThat(progress.awaitCaughtUp(SongProjection.NAME, head, Duration.ofSeconds(60)))
                .as("the songs projection applies event %d", head)
                .isTrue();
    }

    /** A new account with a unique name; its id. */
    protected long newAccount(String prefix, Role role) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        AccountService.Result result = accounts.register(username, "correct horse battery", role);
        assertThat(result.problems()).isEmpty();
        return result.account().id();
    }

    /** An API client signed in as a new account of this role. */
    protected Api signedIn(Role role) {
        return api().bearer(tokens.access(newAccount(role.name().toLowerCase(), role)));
    }

    /** Waits for the projection, then asserts that it equals a recount of the event store. */
    protected void assertProjectionEqualsEventStore() throws InterruptedException {
        awaitProjection();
        assertThat(verifier.differences()).isEmpty();
    }

    protected long eventCount() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
