package dev.music.command.catalog;

import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the known-songs lookup in step with edits made through the {@link Song} aggregate. It
 * runs in a subscribing processor, so inside the transaction that appends the event. (The
 * importer appends in bulk and writes the lookup itself.)
 */
@Component
@ProcessingGroup(KnownSongsUpdater.PROCESSING_GROUP)
class KnownSongsUpdater {

    static final String PROCESSING_GROUP = "known-songs";

    private final KnownSongs knownSongs;

    KnownSongsUpdater(KnownSongs knownSongs) {
        this.knownSongs = knownSongs;
    }

    @EventHandler
    void on(SongDetailsCorrected event) {
        knownSongs.updateDetails(event.spotifyId().value(), event.title(), event.features());
    }

    @EventHandler
    void on(SongRemovedFromCatalog event) {
        knownSongs.markRemoved(event.spotifyId().value());
    }
}
