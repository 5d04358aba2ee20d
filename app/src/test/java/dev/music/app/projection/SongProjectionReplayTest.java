package dev.music.app.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.music.app.support.CatalogFiles;
import dev.music.app.support.IntegrationTest;
import dev.music.app.support.TableRows;
import dev.music.command.account.Role;
import dev.music.query.song.SongProjection;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The read model is derived state: dropped, it comes back identical from the event store. */
class SongProjectionReplayTest extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private TransactionManager axonTransactions;

    @Autowired
    private TokenStore tokenStore;

    @Autowired
    private EventStorageEngine eventStorage;

    @Test
    void axonWorksInSpringTransactionsOnThePostgresStores() {
        assertThat(axonTransactions).isInstanceOf(SpringTransactionManager.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(eventStorage).isInstanceOf(JdbcEventStorageEngine.class);
    }

    @Test
    void deletedSongsAreRebuiltIdenticallyFromTheEvents() throws Exception {
        importCatalog(CatalogFiles.projectPlaylist());
        List<Map<String, Object>> before = TableRows.of(jdbc, "select * from songs order by id");
        assertThat(before).hasSize(100);

        jdbc.update("delete from songs");
        assertThat(api().get("/api/music/").json().get("count").asInt()).isZero();

        StreamingEventProcessor processor = processing
                .eventProcessor(SongProjection.NAME, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitProjection();

        assertThat(TableRows.of(jdbc, "select * from songs order by id")).isEqualTo(before);
        assertThat(api().get("/api/music/").json().get("count").asInt()).isEqualTo(100);
    }

    @Test
    void operatorsSeeEachProjectionsPositionAndLag() throws Exception {
        importCatalog(CatalogFiles.projectPlaylist());
        long head = progress.head();
        assertThat(signedIn(Role.USER).get("/api/admin/projections/").status()).isEqualTo(403);
        JsonNode songs = signedIn(Role.ADMIN)
                .get("/api/admin/projections/")
                .json()
                .get("projections")
                .get(0);
        assertThat(songs.get("name").asText()).isEqualTo("songs");
        assertThat(songs.get("head").asLong()).isEqualTo(head);
        assertThat(songs.get("position").asLong()).isEqualTo(head);
        assertThat(songs.get("lag_events").asLong()).isZero();
        assertThat(songs.get("lag_ms").asLong()).isZero();
        assertThat(songs.get("state").asText()).isEqualTo("live");
        assertThat(songs.get("segments")).hasSize(2);
    }
}
