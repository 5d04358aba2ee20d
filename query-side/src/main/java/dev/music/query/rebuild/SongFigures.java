package dev.music.query.rebuild;

import java.util.Arrays;

/**
 * Every song's rating count and star sum while a rebuild reads the bulk of the events, kept in
 * memory (16 bytes a song, indexed by the dense numeric id) and written once at the end: one
 * UPDATE per rated song instead of one per rating. Follows the projector's rules: a song's
 * figures start from zero when it is added, and are gone when it is removed.
 */
final class SongFigures {

    private long[] ratings = new long[1 << 16];
    private long[] stars = new long[1 << 16];

    void add(long songId, int count, long starsAdded) {
        int at = slot(songId);
        ratings[at] += count;
        stars[at] += starsAdded;
    }

    void reset(long songId) {
        int at = slot(songId);
        ratings[at] = 0;
        stars[at] = 0;
    }

    /** Calls back for each song with figures. */
    void forEachRated(Consumer consumer) {
        for (int id = 0; id < ratings.length; id++) {
            if (ratings[id] != 0 || stars[id] != 0) {
                consumer.accept(id, ratings[id], stars[id]);
            }
        }
    }

    private int slot(long songId) {
        if (songId < 0 || songId >= Integer.MAX_VALUE - 8) {
            throw new RebuildFailedException("song id " + songId + " is out of the range a rebuild holds in memory");
        }
        int id = (int) songId;
        if (id >= ratings.length) {
            int size = Math.max(id + 1, (int) Math.min(Integer.MAX_VALUE - 8L, ratings.length * 2L));
            ratings = Arrays.copyOf(ratings, size);
            stars = Arrays.copyOf(stars, size);
        }
        return id;
    }

    @FunctionalInterface
    interface Consumer {
        void accept(long songId, long ratings, long stars);
    }
}
