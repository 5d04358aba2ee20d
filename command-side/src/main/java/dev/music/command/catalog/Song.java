package dev.music.command.catalog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.music.events.AudioFeatures;
import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.events.SpotifyId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A song of the catalog, identified by its Spotify id. Songs enter the catalog through the
 * {@link CatalogImporter}, which appends their first event in bulk; edits and removals of one
 * song come here.
 */
@Aggregate(type = CatalogImporter.AGGREGATE_TYPE)
public class Song {

    @AggregateIdentifier
    private String spotifyId;

    private long songId;
    private String title;
    private AudioFeatures features;
    private boolean removed;

    protected Song() {
        // for event sourcing
    }

    @CommandHandler
    void handle(CorrectSongDetails command) {
        if (removed) {
            throw new SongRemovedException(spotifyId);
        }
        String newTitle = command.title() == null ? title : command.title();
        AudioFeatures newFeatures = features.with(command.features());
        if (title.equals(newTitle) && features.equals(newFeatures)) {
            return; // nothing to correct
        }
        apply(new SongDetailsCorrected(songId, SpotifyId.of(spotifyId), newTitle, newFeatures));
    }

    @CommandHandler
    void handle(RemoveSongFromCatalog command) {
        if (!removed) {
            apply(new SongRemovedFromCatalog(songId, SpotifyId.of(spotifyId)));
        }
    }

    @EventSourcingHandler
    void on(SongAddedToCatalog event) {
        spotifyId = event.spotifyId().value();
        songId = event.songId();
        title = event.title();
        features = event.features();
    }

    @EventSourcingHandler
    void on(SongDetailsCorrected event) {
        title = event.title();
        features = event.features();
    }

    @EventSourcingHandler
    void on(SongRemovedFromCatalog event) {
        removed = true;
    }
}
