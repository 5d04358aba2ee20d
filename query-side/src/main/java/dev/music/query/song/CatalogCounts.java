package dev.music.query.song;

import java.util.OptionalLong;

/** Exact counts of filters, remembered as {@link CatalogStateCache} remembers values. */
public final class CatalogCounts {

    private final CatalogStateCache<Long> memory;

    public CatalogCounts(int capacity) {
        this.memory = new CatalogStateCache<>(capacity);
    }

    /** Whether a count of this filter depends on the catalog alone, not on the rating figures. */
    public static boolean ofCatalogAlone(SongFilter filter) {
        return filter.conditions().stream().noneMatch(condition -> SongColumns.RATING.contains(condition.column()));
    }

    /** The filter's count in this state, when known. */
    OptionalLong get(SongFilter filter, CatalogState state) {
        return get((Object) filter, state);
    }

    /** The count remembered under this key in this state, when known. */
    public OptionalLong get(Object key, CatalogState state) {
        return memory.get(key, state).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    void put(SongFilter filter, CatalogState state, long count) {
        put(filter, ofCatalogAlone(filter), state, count);
    }

    /** Remembers a count made in this state (see {@link CatalogStateCache#put}). */
    public void put(Object key, boolean ofCatalogAlone, CatalogState state, long count) {
        memory.put(key, ofCatalogAlone, state, count);
    }
}
