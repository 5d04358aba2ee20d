package dev.music.command.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a song out of the catalog; its rating history stays in the event store. */
public record RemoveSongFromCatalog(
        @TargetAggregateIdentifier String spotifyId) {}
