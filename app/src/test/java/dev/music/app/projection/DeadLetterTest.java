package dev.music.app.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.Api;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.FailingSongs;
import dev.music.app.support.IntegrationTest;
import dev.music.command.account.Role;
import dev.music.events.RatingSubmitted;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/**
 * An event the songs projector cannot apply is parked with the later events of its song; the
 * other songs go on; operators see the parked events and apply them again once the cause is gone.
 */
@Import(FailingSongs.class)
class DeadLetterTest extends IntegrationTest {

    private Api admin;

    @BeforeEach
    void catalog() throws Exception {
        if (progress.head() == 0) {
            importCatalog(CatalogFiles.projectPlaylist());
        }
        admin = signedIn(Role.ADMIN);
        FailingSongs.SONGS.clear();
    }

    @Test
    void aFailingEventIsParkedWithItsSongsLaterEventsUntilRetried() throws Exception {
        Api first = signedIn(Role.USER);
        Api second = signedIn(Role.USER);
        rate(first, 5, 2);
        awaitProjection();
        FailingSongs.SONGS.add(5L);

        rate(first, 5, 4); // fails: parked
        rate(second, 5, 5); // the same song after it: parked too, in order
        rate(second, 6, 3); // another song: applied
        awaitProjection();

        assertThat(figures(5)).as("song 5 as before the failure").isEqualTo("1 2");
        assertThat(figures(6)).isEqualTo("1 3");
        JsonNode parked = status().get("dead_letters");
        assertThat(parked.get("count").asLong()).isEqualTo(2);
        assertThat(parked.get("sequences").asLong()).isEqualTo(1);
        assertThat(parked.get("letters").get(0).get("sequence").asText()).isEqualTo("5");
        assertThat(parked.get("letters").get(0).get("cause").asText()).contains("song 5 fails on purpose");
        assertThat(parked.get("letters").get(1).get("sequence_index").asLong())
                .isGreaterThan(
                        parked.get("letters").get(0).get("sequence_index").asLong());

        JsonNode stillFailing = admin.post("/api/admin/projections/songs/dead-letters/retry/", "")
                .json();
        assertThat(stillFailing.get("retried").asLong()).isZero();
        assertThat(stillFailing.get("remaining").asLong()).isEqualTo(2);
        assertThat(figures(5)).isEqualTo("1 2");

        FailingSongs.SONGS.clear();
        Api.Response retried = admin.post("/api/admin/projections/songs/dead-letters/retry/", "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("retried").asLong()).isEqualTo(2);
        assertThat(retried.json().get("remaining").asLong()).isZero();
        assertThat(figures(5))
                .as("the first user's re-rating and the second user's rating, in order")
                .isEqualTo("2 9");
        assertThat(status().get("dead_letters").get("count").asLong()).isZero();
        assertProjectionEqualsEventStore();

        rate(second, 5, 1); // the song is live again
        awaitProjection();
        assertThat(figures(5)).isEqualTo("2 5");
    }

    @Test
    void anUnreadableEventIsParkedUnderItsSongAndARebuildRefusesIt() throws Exception {
        Api user = signedIn(Role.USER);
        rate(user, 7, 3);
        awaitProjection();
        // A rating whose stars no version of the service accepts, as a damaged or foreign writer could leave it.
        jdbc.update("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                select gen_random_uuid()::text, 'rating-7-424242', 0, type, payload_type, payload_revision,
                       convert_to(jsonb_set(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{stars}', '9'),
                                            '{userId}', '424242')::text, 'UTF8'), meta_data, time_stamp
                from domain_event_entry where payload_type = ? order by global_index desc limit 1""", RatingSubmitted.class.getName());
        rate(signedIn(Role.USER), 7, 5);
        rate(user, 8, 4);
        awaitProjection();

        assertThat(figures(7)).isEqualTo("1 3");
        assertThat(figures(8)).isEqualTo("1 4");
        JsonNode parked = status().get("dead_letters");
        assertThat(parked.get("count").asLong()).isEqualTo(2);
        assertThat(parked.get("letters").get(0).get("sequence").asText()).isEqualTo("7");
        assertThat(parked.get("letters").get(0).get("cause").asText())
                .contains("SerializationException")
                .contains("deserializing payload");

        assertThat(admin.post("/api/admin/projections/songs/dead-letters/retry/", "")
                        .json()
                        .get("remaining")
                        .asLong())
                .isEqualTo(2);

        assertThat(admin.post("/api/admin/projections/songs/rebuild/", "").status())
                .isEqualTo(202);
        JsonNode rebuild = awaitRebuildFinished();
        assertThat(rebuild.get("state").asText()).isEqualTo("failed");
        assertThat(rebuild.get("error").asText()).contains("cannot be read").contains("RatingSubmitted");
        assertThat(figures(8)).as("the serving copy stays").isEqualTo("1 4");
        assertThat(status().get("dead_letters").get("count").asLong()).isEqualTo(2);
    }

    private static void rate(Api user, long song, int stars) {
        assertThat(user.post("/api/rating/", "{\"music\": " + song + ", \"score\": " + stars + "}")
                        .status())
                .isEqualTo(201);
    }

    private String figures(long song) {
        return jdbc.queryForObject(
                "select total_ratings || ' ' || rating_sum from songs where id = ?", String.class, song);
    }

    private JsonNode status() {
        return admin.get("/api/admin/projections/songs/").json();
    }

    private JsonNode awaitRebuildFinished() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode rebuild = status().get("rebuild");
            if (rebuild != null && rebuild.get("state").asText().matches("done|failed")) {
                return rebuild;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rebuild did not finish within a minute");
    }
}
