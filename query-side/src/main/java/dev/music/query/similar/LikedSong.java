package dev.music.query.similar;

/** A song the listener rated 4 or 5 stars: the one a recommendation is nearest to. */
public record LikedSong(long id, String title) {}
