package dev.music.query.song;

import dev.music.events.SongAddedToCatalog;
import dev.music.events.SongDetailsCorrected;
import dev.music.events.SongRemovedFromCatalog;
import dev.music.query.ConditionalOnQuerySide;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the catalog part of the {@code songs} table: which songs exist, with their details. */
@ConditionalOnQuerySide
@Component
@ProcessingGroup(SongProjection.NAME)
class SongCatalogProjector {

    private final UnitOfWorkSongWriter songs;

    SongCatalogProjector(UnitOfWorkSongWriter songs) {
        this.songs = songs;
    }

    @EventHandler
    void on(SongAddedToCatalog event) {
        songs.changes().added(event);
    }

    @EventHandler
    void on(SongDetailsCorrected event) {
        songs.changes().corrected(event);
    }

    @EventHandler
    void on(SongRemovedFromCatalog event) {
        songs.changes().removed(event);
    }

    /** The songs projection is only ever replayed from the first event, so a reset starts from empty tables. */
    @ResetHandler
    void reset() {
        songs.deleteAll();
    }
}
