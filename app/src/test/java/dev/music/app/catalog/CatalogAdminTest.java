package dev.music.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.Paths;
import dev.music.command.account.Role;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The admin's catalog routes: import over HTTP, correct a song, remove a song. */
class CatalogAdminTest extends IntegrationTest {

    @Test
    void adminsImportCorrectAndRemoveSongs() throws Exception {
        Api admin = signedIn(Role.ADMIN);
        Api.Response imported =
                admin.send("POST", "/api/admin/catalog/import/", Files.readString(CatalogFiles.projectPlaylist()));
        assertThat(imported.status()).isEqualTo(200);
        JsonNode summary = imported.json();
        assertThat(summary.get("rows").asInt()).isEqualTo(100);
        assertThat(summary.get("added").asInt() + summary.get("unchanged").asInt())
                .isEqualTo(100);
        awaitProjection();
        String spotifyId = jdbc.queryForObject("select spotify_id from known_songs where song_id = 20", String.class);

        Api.Response corrected = admin.send(
                "PUT", "/api/admin/songs/" + spotifyId + "/", "{\"title\": \"Corrected Title\", \"energy\": 0.25}");
        assertThat(corrected.status()).isEqualTo(200);
        JsonNode song = api().with("X-Consistency-Token", corrected.header("X-Consistency-Token"))
                .get("/api/songs/" + spotifyId + "/")
                .json();
        assertThat(song.get("title").asText()).isEqualTo("Corrected Title");
        assertThat(song.get("energy").asDouble()).isEqualTo(0.25);
        assertThat(api().get("/api/music/Corrected%20Title/").status()).isEqualTo(200);

        Api user = signedIn(Role.USER);
        user.post("/api/rating/", "{\"music\": 20, \"score\": 4}");
        Api.Response removed = admin.send("DELETE", "/api/admin/songs/" + spotifyId + "/", null);
        assertThat(removed.status()).isEqualTo(200);
        Api.Response gone = api().with("X-Consistency-Token", removed.header("X-Consistency-Token"))
                .get("/api/songs/" + spotifyId + "/");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(api().get("/api/music/" + Paths.segment("Corrected Title") + "/")
                        .status())
                .isEqualTo(404);
        Api.Response rating = user.post("/api/rating/", "{\"music\": 20, \"score\": 5}");
        assertThat(rating.status()).isEqualTo(400);
        assertThat(rating.json().get("music").get(0).asText()).isEqualTo("Invalid pk \"20\" - object does not exist.");
        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier like 'rating-20-%'",
                        Long.class))
                .as("the rating history stays")
                .isEqualTo(1);
        assertThat(admin.send("PUT", "/api/admin/songs/" + spotifyId + "/", "{\"energy\": 0.3}")
                        .status())
                .isEqualTo(404);

        Api.Response again =
                admin.send("POST", "/api/admin/catalog/import/", Files.readString(CatalogFiles.projectPlaylist()));
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(99);
        assertThat(again.json().get("rejected").asInt())
                .as("a removed song is not brought back")
                .isEqualTo(1);
        assertProjectionEqualsEventStore();
    }

    @Test
    void invalidCorrectionsAndFilesChangeNothing() throws Exception {
        Api admin = signedIn(Role.ADMIN);
        if (importer.catalogIsEmpty()) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
        String spotifyId = jdbc.queryForObject("select spotify_id from known_songs where song_id = 30", String.class);
        long events = eventCount();
        JsonNode bad = admin.send(
                        "PUT",
                        "/api/admin/songs/" + spotifyId + "/",
                        "{\"energy\": 1.5, \"key\": 2.5, \"title\": \"\", \"tempo\": \"fast\"}")
                .json();
        assertThat(bad.get("energy").get(0).asText()).isEqualTo("Ensure this value is less than or equal to 1.");
        assertThat(bad.get("key").get(0).asText()).isEqualTo("A valid integer is required.");
        assertThat(bad.get("title").get(0).asText()).isEqualTo("This field may not be blank.");
        assertThat(bad.get("tempo").get(0).asText()).isEqualTo("A valid number is required.");
        assertThat(admin.send("PUT", "/api/admin/songs/" + spotifyId + "/", "{}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.send("PUT", "/api/admin/songs/not-an-id/", "{\"energy\": 0.3}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.send("PUT", "/api/admin/songs/AAAAAAAAAAAAAAAAAAAAAA/", "{\"energy\": 0.3}")
                        .status())
                .isEqualTo(404);

        Api.Response invalidFile = admin.send("POST", "/api/admin/catalog/import/", "{\"id\": {\"0\": \"x\"}}");
        assertThat(invalidFile.status()).isEqualTo(400);
        assertThat(invalidFile.json().get("problems").toString()).contains("missing column 'title'");
        assertThat(eventCount()).isEqualTo(events);
    }
}
