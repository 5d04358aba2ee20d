package dev.music.command.catalog;

/** A row of the command side's catalog lookup. */
record KnownSong(String spotifyId, long songId, byte[] detailsHash, boolean removed) {}
